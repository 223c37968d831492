package org.loupe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.LoupeException;
import org.loupe.cosmology.Cosmology;
import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;

class PairLoaderTest {

    @TempDir
    Path dir;

    private Path manifest() {
        SnapshotMeta meta = new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}");
        SnapshotWriter.write(dir.resolve("lr.hdf5"), Catalogues.displacedLattice(4, 32.0, 1.0), meta, WriteOptions.defaults());
        SnapshotWriter.write(dir.resolve("hr.hdf5"), Catalogues.displacedLattice(8, 32.0, 1.0), meta, WriteOptions.defaults());
        DataManifest m = new DataManifest("t", 32.0, Cosmology.referenceRuns(), List.of(new DataManifest.Entry("p0", "train", 1, 0.0,
                new DataManifest.Member("lr.hdf5", Sha256.of(dir.resolve("lr.hdf5")), 4),
                new DataManifest.Member("hr.hdf5", Sha256.of(dir.resolve("hr.hdf5")), 8))));
        Path file = dir.resolve("data-manifest.yaml");
        m.write(file);
        return file;
    }

    /** The config's snapshot: overrides reach every pair of a training set (here: the particle type). */
    @Test
    void readerOverridesApplyToTrainingPairs() {
        Path file = manifest();
        DataManifest m = DataManifest.read(file);
        var ok = PairLoader.load(file, m, "train", 2, false, ReadOptions.defaults());
        assertEquals(1, ok.size());
        assertEquals(8, ok.get(0).hr().size());
        LoupeException e = assertThrows(LoupeException.class,
                () -> PairLoader.load(file, m, "train", 2, false, ReadOptions.defaults().withParticleType(2)));
        assertTrue(e.getMessage().contains("lr.hdf5") && e.getMessage().contains("type 2"), e.getMessage());
    }

    /** snapshot.latticeOffset overrides the detected site offset: forcing "centre" on a corner lattice shifts Ψ by −½ cell. */
    @Test
    void aGivenLatticeOffsetOverridesDetection() {
        Path file = manifest();
        DataManifest m = DataManifest.read(file);
        var detected = PairLoader.load(file, m, "train", 2, false, ReadOptions.defaults()).get(0).lr();
        var forced = PairLoader.load(file, m, "train", 2, false,
                new SnapshotSection(null, null, null, "centre").toReadOptions()).get(0).lr();
        double cell = 32.0 / 4;
        double sum = 0;
        for (int i = 0; i < detected.values().length; i++) {
            sum += forced.values()[i] - detected.values()[i];
        }
        assertEquals(-0.5 * cell, sum / detected.values().length, 1e-4, "every component moves by half a cell");
        assertEquals(0.0, SnapshotSection.latticeOffsetCells("corner"));
        assertTrue(Double.isNaN(SnapshotSection.latticeOffsetCells("auto")));
        var e = assertThrows(org.loupe.ConfigException.class, () -> SnapshotSection.latticeOffsetCells("middle"));
        assertTrue(e.getMessage().contains("corner, centre or auto"), e.getMessage());
    }

    @Test
    void aChangedSnapshotIsRefusedByItsHash() throws Exception {
        Path file = manifest();
        DataManifest m = DataManifest.read(file);
        Files.write(dir.resolve("hr.hdf5"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        LoupeException e = assertThrows(LoupeException.class, () -> PairLoader.load(file, m, "train", 2, false));
        assertTrue(e.getMessage().contains("hr.hdf5") && e.getMessage().contains("sha256"), e.getMessage());
    }
}
