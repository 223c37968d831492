package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.testing.SharedData;
import org.loupe.testing.ReferenceData;

/** The real GADGET-4 snapshots of src/test/resources/gadget4 (README there lists what they hold). */
@ReferenceData
class Gadget4SnapshotTest {

    @Test
    void headerOfTheZeroRedshiftSnapshot() {
        Path file = SharedData.path("gadget4/A_N032/snapshot_004.hdf5");
        SnapshotHeader h = SnapshotReader.open(file).header();
        assertEquals(SnapshotFormat.GADGET4, h.format());
        assertEquals(32L * 32 * 32, h.count(1));
        assertEquals(64.0, h.boxMpcH(), 1e-9, "coordinates are Mpc/h in this data (UnitLength_in_cm = 3.085678e24)");
        assertEquals(0.0, h.redshift(), 1e-12);
        assertEquals(1.0, h.scaleFactor(), 1e-12);
        assertEquals(0.31, h.omegaM(), 1e-12);
        assertEquals(0.69, h.omegaLambda(), 1e-12);
        assertEquals(0.68, h.hubble(), 1e-12);
        assertEquals(68.81, h.mass(1), 0.01);
        assertEquals("Mpc/h", h.units().lengthUnitName());
        assertEquals(VelocityConvention.SQRT_A, h.units().velocityConvention());
    }

    @Test
    void initialConditionsSitOnACornerLattice() {
        Path file = SharedData.path("gadget4/A_N016/snapshot_000.hdf5");
        Snapshot snap = SnapshotReader.open(file);
        assertEquals(49.0, snap.header().redshift(), 1e-9);
        Particles p = snap.readParticles(1);
        assertEquals(16 * 16 * 16, p.count());
        for (float x : p.positionsMpcH()) {
            assertTrue(x >= 0f && x < 64f);
        }
        Lattice lattice = Lattice.detect(p);
        assertNotNull(lattice);
        assertEquals(16, lattice.sitesPerSide());
        assertEquals(1L, lattice.firstId());
        assertEquals(0.0, lattice.offsetCells(), "GADGET-4's NGenIC puts sites at cell corners");
        assertTrue(lattice.meanDisplacementNorm(p) < 1e-4, "mean displacement at z = 49 is ~0 for the right offset");
        // Velocities at z = 49 are u·√a with a = 0.02: of order tens of km/s, not the stored u.
        double rms = 0;
        for (float v : p.velocitiesKmS()) {
            rms += v * v;
        }
        rms = Math.sqrt(rms / p.velocitiesKmS().length);
        assertTrue(rms > 1 && rms < 500, "rms peculiar velocity " + rms + " km/s");
    }
}
