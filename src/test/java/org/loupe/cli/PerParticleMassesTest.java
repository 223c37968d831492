package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;
import org.loupe.testing.Cli;

/**
 * Issue #25, item 6: unequal per-particle masses (MassTable 0 and a Masses dataset) are shown by
 * info and refused, with the reason, by the commands that assume one mass; paint weights by mass.
 */
class PerParticleMassesTest {

    @TempDir
    Path dir;

    @Test
    void unequalMassesAreShownAndRefusedWhereOneMassIsAssumed() throws Exception {
        Particles p = Catalogues.displacedLattice(16, 64.0, 1.0);
        float[] m = new float[p.count()];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 2 == 0 ? 10f : 20f;
        }
        Path f = dir.resolve("masses.hdf5");
        SnapshotWriter.write(f, new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), p.ids(), 0.0, m),
                new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        var info = Cli.run("info", f.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("per particle, 10.0000 to 20.0000 (unequal)"), info.out());
        assertFalse(info.out().matches("(?s).*particleMass\\s+0\\.0.*"), info.out());
        Cli.run("power", f.toString(), "--grid", "16", "--out", dir.resolve("pk.csv").toString())
                .userError(3, "masses.hdf5", "unequal masses", "10.0000 to 20.0000", "shot noise");
        Cli.run("upscale", "--model", "sr-x4", "--input", f.toString(), "--out", dir.resolve("sr.hdf5").toString(),
                "--allow-domain-mismatch").userError(3, "unequal masses", "upscale");
        Cli.run("validate", "--lr", f.toString(), "--sr", f.toString(), "--out", dir.resolve("rep").toString())
                .userError(3, "unequal masses", "validate");
        assertFalse(Files.exists(dir.resolve("pk.csv")) || Files.exists(dir.resolve("sr.hdf5")));
        var paint = Cli.run("paint", f.toString(), "--grid", "8", "--out", dir.resolve("d.hdf5").toString());
        assertEquals(0, paint.code(), "paint weights by mass: " + paint.err());
    }

    @Test
    void equalPerParticleMassesAreOneMass() throws Exception {
        Particles p = Catalogues.displacedLattice(16, 64.0, 1.0);
        float[] m = new float[p.count()];
        java.util.Arrays.fill(m, 7.5f);
        Path f = dir.resolve("equal.hdf5");
        SnapshotWriter.write(f, new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), p.ids(), 0.0, m),
                new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        var info = Cli.run("info", f.toString());
        assertTrue(info.out().contains("7.50000 (per particle, all equal)"), info.out());
        var power = Cli.run("power", f.toString(), "--grid", "16", "--out", dir.resolve("pk.csv").toString());
        assertEquals(0, power.code(), power.err());
    }
}
