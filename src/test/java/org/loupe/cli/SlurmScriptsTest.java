package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.model.Checkpoints;
import org.loupe.run.DataManifest;
import org.loupe.testing.Python;
import org.loupe.testing.ExternalTools;

/**
 * The SLURM batch scripts, run here with SLURM's environment variables set (there is no sbatch):
 * syntax and shellcheck, a simulate job, and a train job stopped by SIGTERM that must leave a
 * checkpoint and exit 143 so that the job can be requeued and resume.
 */
@ExternalTools
class SlurmScriptsTest {

    private static final Path SCRIPTS = Path.of("scripts/slurm");

    @TempDir
    Path dir;

    @Test
    void scriptsParseAndPassShellcheck() {
        for (String s : List.of("common.sh", "simulate.sbatch", "train.sbatch", "upscale.sbatch", "upscale-parts.sbatch",
                "validate.sbatch")) {
            Python.Result r = Python.run(List.of("bash", "-n", SCRIPTS.resolve(s).toString()), 30);
            assertEquals(0, r.exitCode(), s + ": " + r.output());
        }
        boolean haveShellcheck = Files.isExecutable(Path.of("/usr/bin/shellcheck"));
        if (!haveShellcheck) {
            fail("shellcheck is not installed: apt-get install -y shellcheck, or leave out the external-tools tests"
                    + " (-DexcludedGroups=external-tools)");
        }
        Python.Result r = Python.run(List.of("bash", "-c", "cd scripts/slurm && shellcheck -x -S warning *.sbatch common.sh"), 60);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void simulateJobRunsWithTheAllocationsThreadsAndLogsProvenance() throws Exception {
        Path cfg = config(100);
        Process p = script("simulate.sbatch", Map.of(), cfg.toString(), dir.resolve("pairs").toString());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "simulate job finished");
        String log = Files.readString(dir.resolve("job.log"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("threads:   2") && log.contains("commit:") && log.contains("slurm:     job=4242"), log);
        assertEquals(2, DataManifest.read(dir.resolve("pairs/data-manifest.yaml")).pairs().size());
    }

    @Test
    void trainJobCheckpointsOnSigtermAndExits143() throws Exception {
        Path cfg = config(100000);
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"simulate", "--config", cfg.toString(), "--out", dir.resolve("pairs").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), err.toString());
        Process p = script("train.sbatch", Map.of(), cfg.toString(), dir.resolve("run").toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Wait for the first training step (the progress line "] 1/..."), then stop the job.
        while (!Files.readString(dir.resolve("job.log")).contains("] 1/") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        p.destroy();          // SIGTERM to the batch shell, as --signal=B:TERM does
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "job ended after SIGTERM");
        String log = Files.readString(dir.resolve("job.log"));
        assertEquals(143, p.exitValue(), log);
        assertTrue(log.contains("checkpoint written"), log);
        Checkpoints ck = new Checkpoints(dir.resolve("run/checkpoints"));
        assertTrue(ck.exists() && ck.restoreState().step() > 0, "a mid-epoch checkpoint to resume from");
    }

    @Test
    void upscalePartsArrayWritesOneMemberPerTask() throws Exception {
        Path lr = Files.copy(org.loupe.testing.SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("lr16.hdf5"));
        for (int task = 0; task < 2; task++) {
            Process p = script("upscale-parts.sbatch", Map.of("SLURM_ARRAY_TASK_ID", String.valueOf(task)), "sr-x4",
                    lr.toString(), dir.resolve("sr/box").toString(), "2", "--crop", "8");
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "upscale task finished");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("job.log")));
        }
        var set = org.loupe.snapshot.SnapshotReader.open(dir.resolve("sr/box.0.hdf5"));
        assertEquals(2, set.header().files().size());
        assertEquals(64L * 64 * 64, set.header().count(1));
    }

    private Process script(String name, Map<String, String> env, String... args) throws IOException {
        Path wrapper = dir.resolve("loupe-cmd.sh");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexec '" + System.getProperty("java.home") + "/bin/java' -Xmx1g -cp '"
                + System.getProperty("java.class.path") + "' org.loupe.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
        wrapper.toFile().setExecutable(true);
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile());
        pb.environment().put("LOUPE_HOME", Path.of("").toAbsolutePath().toString());
        pb.environment().put("LOUPE_CMD", wrapper.toString());
        pb.environment().put("SLURM_CPUS_PER_TASK", "2");
        pb.environment().put("SLURM_JOB_ID", "4242");
        pb.environment().putAll(env);
        return pb.start();
    }

    private Path config(int stepsPerEpoch) throws IOException {
        Path cfg = dir.resolve("job.yaml");
        Files.writeString(cfg, """
                name: slurm-test
                data:
                  manifest: pairs/data-manifest.yaml
                simulate:
                  boxMpcH: 32.0
                  lrParticlesPerSide: 8
                  hrParticlesPerSide: 16
                  zInit: 20.0
                  steps: 3
                  seed: 9
                  trainPairs: 1
                  testPairs: 1
                generator:
                  scale: 2
                  width: 4
                tiles:
                  cropCells: 4
                  haloCells: 2
                train:
                  epochs: 1
                  stepsPerEpoch: %d
                  seed: 1
                """.formatted(stepsPerEpoch));
        return cfg;
    }
}
