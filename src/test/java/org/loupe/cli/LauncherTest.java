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
}
