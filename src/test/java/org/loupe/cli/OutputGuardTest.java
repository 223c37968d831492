package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.cosmology.Cosmology;
import org.loupe.run.DataManifest;
import org.loupe.run.Sha256;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** No command writes over one of its inputs, and train refuses a crop larger than its LR boxes. */
class OutputGuardTest {

    @TempDir
    Path dir;

    Path snap;
    String sha;

    @BeforeEach
    void copy() throws Exception {
        snap = Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("snap.hdf5"));
        sha = Sha256.of(snap);
    }

    @Test
    void paintPowerAndValidateNeverWriteOverAnInput() throws Exception {
        Cli.run("paint", snap.toString(), "--grid", "8", "--out", snap.toString()).userError(2, "never writes over an input");
        Cli.run("power", snap.toString(), "--grid", "8", "--out", dir.resolve("sub/../snap.hdf5").toString())
                .userError(2, "never writes over an input");
        Cli.run("validate", "--lr", snap.toString(), "--sr", snap.toString(), "--out", snap.toString())
                .userError(3, "is a file, not a folder");
        Path report = Files.createDirectories(dir.resolve("rep"));
        Path inside = Files.copy(snap, report.resolve("power.csv"));
        Cli.run("validate", "--lr", snap.toString(), "--sr", inside.toString(), "--out", report.toString())
                .userError(2, "never writes over an input");
        assertEquals(sha, Sha256.of(snap));
    }

    @Test
    void trainNeverWritesItsResolvedConfigOverTheGivenOne() throws Exception {
        Path m = manifest(16);
        Path run = Files.createDirectories(dir.resolve("run"));
        Path cfg = Files.writeString(run.resolve("config.yaml"), "data:\n  manifest: ../data-manifest.yaml\n"
                + "train:\n  epochs: 1\n  stepsPerEpoch: 1\n  seed: 1\n");
        String before = Files.readString(cfg);
        Cli.run("train", "--config", cfg.toString(), "--out", run.toString()).userError(2, "config.yaml", "never writes over an input");
        assertEquals(before, Files.readString(cfg));
        assertEquals(true, Files.exists(m));
    }

    @Test
    void trainRefusesACropLargerThanTheLrBoxes() throws Exception {
        manifest(8);
        Path cfg = Files.writeString(dir.resolve("t.yaml"), "data:\n  manifest: data-manifest.yaml\ntiles:\n  haloCells: 2\n"
                + "  cropCells: 16\ntrain:\n  epochs: 1\n  stepsPerEpoch: 1\n  seed: 1\n");
        Cli.run("train", "--config", cfg.toString(), "--out", dir.resolve("r").toString())
                .userError(2, "t.yaml line 5: tiles.cropCells 16 is larger than the LR box", "must be 1 to 8");
    }

    private Path manifest(int lrSide) throws Exception {
        DataManifest.Entry e = new DataManifest.Entry("pair_000", "train", 1, 0.0,
                new DataManifest.Member("snap.hdf5", sha, lrSide), new DataManifest.Member("snap.hdf5", sha, 2 * lrSide));
        Path m = dir.resolve("data-manifest.yaml");
        new DataManifest("t", 64.0, Cosmology.referenceRuns(), List.of(e)).write(m);
        return m;
    }
}
