package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** Issue #25, item 10: a config's name is one path segment of bounded length (exit 2 naming the file and line). */
class RunNameTest {

    @TempDir
    Path dir;

    @Test
    void aNameThatLeavesRunsOrIsTooLongIsASettingError() throws Exception {
        String lr = SharedData.path("gadget4/A_N016/snapshot_004.hdf5").toString();
        String[] bad = {"../../../../elsewhere", "a/b", "..", ".hidden", "x".repeat(5000), "tab\there"};
        for (String name : bad) {
            Path cfg = Files.writeString(dir.resolve("c.yaml"), "name: \"" + name + "\"\nthreads: 1\n");
            Cli.run("info", lr, "--config", cfg.toString()).userError(2, "c.yaml", "name", "not a run name");
        }
        Path cfg = Files.writeString(dir.resolve("sim.yaml"), """
                name: ../../escaped
                simulate:
                  boxMpcH: 64.0
                  lrParticlesPerSide: 8
                  hrParticlesPerSide: 16
                  zInit: 49.0
                  steps: 2
                  seed: 1
                  trainPairs: 1
                """);
        Cli.run("simulate", "--config", cfg.toString()).userError(2, "sim.yaml", "not a run name");
        assertFalse(Files.exists(Path.of("runs/../../escaped")) || Files.exists(Path.of("../escaped")));
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "name: my-run_2.v1\nthreads: 1\n");
        org.junit.jupiter.api.Assertions.assertEquals(0, Cli.run("info", lr, "--config", ok.toString()).code());
    }
}
