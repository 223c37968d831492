package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.particles.Particles;
import org.loupe.testing.Catalogues;

class SnapshotRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "files={0} gzip={1} unit={2}")
    @CsvSource({"1,0,3.085678e21", "3,0,3.085678e21", "1,4,3.085678e24", "2,6,3.085678e24"})
    void writeThenReadGivesTheSameParticles(int files, int gzip, double unitCm) throws IOException {
        Particles p = Catalogues.uniform(5000, 100.0, 42);
        Path out = dir.resolve("snap.hdf5");
        SnapshotMeta meta = new SnapshotMeta(0.5, 0.3, 0.7, 0.7, "{\"test\":true}");
        List<Path> written = SnapshotWriter.write(out, p, meta, WriteOptions.defaults().withFiles(files).withGzip(gzip)
                .withLengthUnitCm(unitCm));
        assertEquals(files, written.size());
        try (var listing = Files.list(dir)) {
            assertTrue(listing.noneMatch(f -> f.getFileName().toString().contains(".tmp")), "no temp files left behind");
        }

        Snapshot snap = SnapshotReader.open(written.get(0));
        SnapshotHeader h = snap.header();
        assertEquals(files, h.files().size());
        assertEquals(100.0, h.boxMpcH(), 1e-9);
        assertEquals(0.5, h.redshift(), 1e-12);
        assertEquals(1 / 1.5, h.scaleFactor(), 1e-12);
        assertEquals(0.3, h.omegaM(), 0);
        assertEquals(1.5, h.mass(1), 1e-12);
        Particles back = snap.readParticles(1);
        assertArrayEquals(p.ids(), back.ids());
        for (int i = 0; i < p.positionsMpcH().length; i++) {
            assertEquals(p.positionsMpcH()[i], back.positionsMpcH()[i], 2e-5, "position " + i);
            assertEquals(p.velocitiesKmS()[i], back.velocitiesKmS()[i], 1e-3, "velocity " + i);
        }
        assertFalse(back.velocitiesKmS() == p.velocitiesKmS());
    }
}
