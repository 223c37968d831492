package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Python;

/**
 * bin/loupe in a copy of the repository layout, with stand-ins for java and mvn on the PATH that
 * log their calls: a stale jar is run as it is (with a note), never rebuilt unless asked.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private Python.Result launch(String env) throws Exception {
        Path home = dir.resolve("home");
        Path fake = dir.resolve("fakebin");
        if (!Files.exists(home)) {
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("target"));
            Files.createDirectories(home.resolve("src/main/java"));
            Files.createDirectories(fake);
            Files.copy(Path.of("bin/loupe"), home.resolve("bin/loupe"));
            Files.writeString(home.resolve("target/loupe.jar"), "jar");
            Files.setLastModifiedTime(home.resolve("target/loupe.jar"), FileTime.fromMillis(1_000_000_000_000L));
            Files.writeString(home.resolve("src/main/java/A.java"), "class A {}");
            Files.writeString(home.resolve("pom.xml"), "<project/>");
            for (String tool : new String[] {"java", "mvn"}) {
                Path t = Files.writeString(fake.resolve(tool), "#!/bin/sh\necho \"" + tool + " $*\" >> \"" + dir.resolve("calls.log") + "\"\n");
                t.toFile().setExecutable(true);
            }
        }
        return Python.run(List.of("bash", "-c", env + " PATH=" + fake + ":/usr/bin:/bin bash " + home.resolve("bin/loupe") + " info x.hdf5"), 60);
    }

    @Test
    void aStaleJarRunsWithANoteAndIsRebuiltOnlyWhenAsked() throws Exception {
        Python.Result stale = launch("");
        String calls = Files.readString(dir.resolve("calls.log"));
        assertFalse(calls.contains("mvn"), calls);
        assertTrue(calls.contains("java ") && calls.contains("info x.hdf5"), calls);
        assertTrue(stale.output().contains("older than") && stale.output().contains("LOUPE_REBUILD=1"), stale.output());

        launch("LOUPE_REBUILD=1");
        calls = Files.readString(dir.resolve("calls.log"));
        assertTrue(calls.contains("mvn -q -B -DskipTests package"), calls);
        assertEquals(2, calls.lines().filter(l -> l.startsWith("java ")).count(), calls);
    }

    /** Issue #25, item 11: environment values are checked like options (exit 2, one line), before java starts. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"LOUPE_THREADS=0", "LOUPE_THREADS=-3", "LOUPE_THREADS=two",
        "SLURM_CPUS_PER_TASK=0", "OMP_NUM_THREADS=0", "LOUPE_HEAP=abc", "LOUPE_HEAP=0", "LOUPE_HEAP=999999g", "LOUPE_HEAP=1m",
        "SLURM_MEM_PER_NODE=abc"})
    void aWrongEnvironmentValueIsOneLineAndExitTwo(String env) throws Exception {
        Python.Result r = launch(env);
        assertEquals(2, r.exitCode(), r.output());
        String name = env.substring(0, env.indexOf('='));
        List<String> lines = r.output().lines().filter(l -> l.startsWith("loupe: error: ")).toList();
        assertEquals(1, lines.size(), r.output());
        assertTrue(lines.get(0).contains(env), lines.get(0));
        assertFalse(Files.exists(dir.resolve("calls.log")) && Files.readString(dir.resolve("calls.log")).contains("java "),
                "java never started for " + name);
    }

    @Test
    void rightEnvironmentValuesStartJava() throws Exception {
        launch("LOUPE_THREADS=2 LOUPE_HEAP=512m SLURM_MEM_PER_NODE=4000");
        String calls = Files.readString(dir.resolve("calls.log"));
        assertTrue(calls.contains("-Xmx512m"), calls);
    }
}
