package org.loupe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.loupe.ConfigException;
import org.loupe.model.AdversarialSpec;
import org.loupe.model.GeneratorSpec;
import org.loupe.model.loss.LossSpec;
import org.loupe.report.ValidationSpec;
import org.loupe.tiles.TileSpec;

/** Defaults come from the records; nothing a user wrote is replaced or accepted silently. */
class ConfigLoaderTest {

    private static final String TRAIN = "train:\n  epochs: 2\n  stepsPerEpoch: 3\n  seed: 5\n";

    @TempDir
    Path dir;

    private RunConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("c.yaml"), yaml), RunConfig.class);
    }

    private String error(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.yaml"), yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, RunConfig.class));
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void keysASectionLeavesOutTakeTheRecordsDefaults() throws IOException {
        RunConfig rc = load("tiles:\n  cropCells: 4\ngenerator:\n  scale: 4\nvalidate:\n  minCorrelation: 0.8\n" + TRAIN
                + "  batch: 2\n  adversarial:\n    width: 4\n");
        assertEquals(TileSpec.defaults().withCropCells(4), rc.tiles());
        assertFalse(rc.tiles().augment(), "augment defaults to false, as docs/config-reference.md says");
        assertEquals(GeneratorSpec.defaults().withScale(4), rc.generator());
        assertEquals(new ValidationSpec(0.05, 0.5, 0.8, 4, 50, 0.1), rc.validate());
        assertEquals(2, rc.train().batch());
        assertEquals(1e-3, rc.train().learningRate());
        assertEquals(LossSpec.of("mse"), rc.train().loss());
        assertEquals(4, rc.train().validationTiles());
        assertEquals(AdversarialSpec.defaults().withWidth(4), rc.train().adversarial());
        assertEquals(AdversarialSpec.defaults(), load(TRAIN).train().adversarial());
    }

    /** The weights of the form before the loss list say what to write instead. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"densityWeight: 0.1, density", "eulerianWeight: 2, divergence", "spectralWeight: 0.2, spectral"})
    void movedLossKeysShowTheNewForm(String line, String term) throws IOException {
        String msg = error(TRAIN + "  " + line + "\n");
        assertTrue(msg.contains("{" + term + ": W}") && msg.contains(" line 5: "), msg);
        String adv = error(TRAIN + "  adversarial:\n    weight: 0.5\n");
        assertTrue(adv.contains("{adversarial: W}") && adv.contains(" line 6: "), adv);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "train.batch: 0         | TRAIN  batch: 0\\n                          | 5 | train.batch must be 1 to 4096, got 0",
        "tiles.haloCells: 0     | tiles:\\n  haloCells: 0\\n           | 2 | tiles.haloCells must be 1 to 64, got 0",
        "tiles.cropCells: -3    | tiles:\\n  cropCells: -3\\n          | 2 | tiles.cropCells must be 1 to 1024, got -3",
        "learningRate: 2        | TRAIN  learningRate: 2\\n                  | 5 | train.learningRate must be in (0, 1), got 2.0",
        "generator.width: 0     | generator:\\n  width: 0\\n              | 2 | generator.width must be 1 to 512, got 0",
        "adversarial.clip: 0    | TRAIN  adversarial:\\n    clip: 0\\n       | 6 | train.adversarial.clip must be > 0",
        "validate.minCorrelation| validate:\\n  minCorrelation: 2\\n      | 2 | validate.minCorrelation must be in [-1, 1]",
        "threads: 0             | threads: 0\\n                              | 1 | threads must be 1 to 4096, got 0",
        "paint.grid: -8         | name: x\\npaint:\\n  window: tsc\\n  grid: -8\\n | 4 | paint.grid must be 1 to 1290",
    })
    void outOfRangeValuesNameFileLineAndRange(String name, String yaml, int line, String expected) throws IOException {
        String msg = error(yaml.replace("\\n", "\n").replace("TRAIN", TRAIN));
        assertTrue(msg.contains(" line " + line + ": "), "line of the key: " + msg);
        assertTrue(msg.contains(expected), msg);
    }

    @Test
    void aPartialCosmologyTakesTheReferenceRunsForTheKeysItLeavesOut() throws IOException {
        String sim = "simulate:\n  boxMpcH: 32.0\n  lrParticlesPerSide: 8\n  hrParticlesPerSide: 16\n  zInit: 20.0\n  steps: 3\n"
                + "  seed: 2\n  trainPairs: 2\n  testPairs: 1\n";
        RunConfig rc = load(sim + "  cosmology:\n    sigma8: 0.9\n");
        org.loupe.cosmology.Cosmology ref = org.loupe.cosmology.Cosmology.referenceRuns();
        assertEquals(new org.loupe.cosmology.Cosmology(ref.omegaM(), ref.omegaLambda(), ref.omegaB(), ref.h(), 0.9, ref.ns(),
                ref.omegaR()), rc.simulate().cosmology());
        assertEquals(ref, load(sim).simulate().cosmology());
        String msg = error(sim + "  cosmology:\n    sigma8: -1\n");
        assertTrue(msg.contains("sigma8"), msg);
    }

    @Test
    void aKeyWithTheSameNameInAnotherSectionDoesNotMisplaceTheLine() throws IOException {
        String msg = error("tiles:\n  cropCells: 4\n  haloCells: 1\ngenerator:\n  width: 4\n" + TRAIN + "  validationTiles: 0\n");
        assertTrue(msg.contains(" line 10: train.validationTiles must be 1 to 100000, got 0"), msg);
    }

    @Test
    void anUnknownKeyIsNamedBeforeAnyRangeCheck() throws IOException {
        String msg = error("tiles:\n  haloCells: 0\n" + TRAIN + "  bacth: 2\n");
        assertTrue(msg.contains(" line 7: unknown key 'bacth' in 'train'") && msg.contains("batch"), msg);
    }

    @Test
    void aDuplicatedKeyIsAnError() throws IOException {
        String msg = error(TRAIN + "  batch: 2\n  batch: 4\n");
        assertTrue(msg.contains("duplicate key 'batch'") && msg.contains(" line 6"), msg);
    }

    @Test
    void aMissingRequiredKeyIsNamed() throws IOException {
        String msg = error("train:\n  epochs: 2\n  seed: 1\n");
        assertTrue(msg.contains(" line 1: train.stepsPerEpoch is required"), msg);
    }
}
