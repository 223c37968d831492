package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** The path of a user with their own GADGET-4 runs: name the pairs, train; told what the validation loss is. */
class OwnPairsTrainingTest {

    @TempDir
    Path dir;

    private static String g4(String run) {
        return SharedData.path("gadget4/" + run + "/snapshot_004.hdf5").toString();
    }

    @Test
    void onePairTrainsSaysItsValidationLossIsNotHeldOutAndListsOnlyThePairsItRead() throws Exception {
        Path manifest = dir.resolve("mine.yaml");
        Cli.Run made = Cli.run("manifest", "create", "--out", manifest.toString(), "--pair", "A=" + g4("A_N016") + "," + g4("A_N032"),
                "--pair", "D=" + g4("D_N016") + "," + g4("D_N032") + ",test");
        assertEquals(0, made.code(), made.err());
        // No data: section: the manifest comes from --manifest, so a shipped config serves as it is.
        Path cfg = Files.writeString(dir.resolve("t.yaml"), "generator:\n  scale: 2\n  width: 4\n"
                + "tiles:\n  cropCells: 4\n  haloCells: 2\ntrain:\n  epochs: 1\n  stepsPerEpoch: 1\n  batch: 1\n  validationTiles: 1\n"
                + "  seed: 1\n");
        Cli.Run run = Cli.run("train", "--config", cfg.toString(), "--manifest", manifest.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("has no pair with split validation") && run.out().contains("not held out"), run.out());
        String prov = Files.readString(dir.resolve("run/manifest.json"));
        assertTrue(prov.contains("A_N016") && prov.contains("A_N032"), prov);
        assertFalse(prov.contains("D_N016"), "the test pair is not an input of training: " + prov);

        // The same --out with another generator shape would resume the width-4 checkpoint under a config saying 8.
        Path wider = Files.writeString(dir.resolve("wider.yaml"), Files.readString(cfg).replace("width: 4", "width: 8"));
        Cli.run("train", "--config", wider.toString(), "--manifest", manifest.toString(), "--out", dir.resolve("run").toString())
                .userError(2, "wider.yaml line 3", "has generator.width 4, the config 8", "start a new --out");
        assertTrue(Files.readString(dir.resolve("run/config.yaml")).contains("width: 4"), "the run folder's config is kept");
    }
}
