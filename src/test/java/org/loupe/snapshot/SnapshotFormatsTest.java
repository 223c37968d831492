package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.FormatException;
import org.loupe.particles.Particles;
import org.loupe.testing.Python;
import org.loupe.testing.ExternalTools;

/**
 * Every supported layout, written by h5py from one catalogue (make_fixtures.py), must read back
 * to the same particles in internal units; every broken input must give its own clear error.
 */
@ExternalTools
class SnapshotFormatsTest {

    @TempDir
    static Path dir;

    static float[] refPos;
    static float[] refVel;
    static long[] refIds;

    @BeforeAll
    static void makeFixtures() throws IOException {
        Python.requireH5py();
        Python.Result r = Python.script(SnapshotFormatsTest.class, "make_fixtures.py", dir, dir.toString());
        assertEquals(0, r.exitCode(), r.output());
        refPos = floats(dir.resolve("ref_pos.f32"));
        refVel = floats(dir.resolve("ref_vel.f32"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("ref_ids.i64"))).order(ByteOrder.LITTLE_ENDIAN);
        refIds = new long[b.remaining() / 8];
        b.asLongBuffer().get(refIds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gadget2_kpc.hdf5, GADGET, kpc/h",
        "gadget4_gzip.hdf5, GADGET4, Mpc/h",
        "arepo_lzf.hdf5, AREPO, kpc/h",
        "swift.hdf5, SWIFT, h-free",
        "multi.1.hdf5, GADGET, kpc/h",
        "multi, GADGET, kpc/h",
        "snapdir_005, GADGET, kpc/h"})
    void everyLayoutReadsTheSameCatalogue(String name, SnapshotFormat format, String unit) {
        Snapshot snap = SnapshotReader.open(dir.resolve(name));
        SnapshotHeader h = snap.header();
        assertEquals(format, h.format());
        assertTrue(h.units().lengthUnitName().contains(unit), h.units().lengthUnitName());
        assertEquals(50.0, h.boxMpcH(), 5e-5);
        assertEquals(1.0, h.redshift(), 1e-12);
        assertEquals(0.5, h.scaleFactor(), 1e-12);
        assertEquals(0.3, h.omegaM(), 1e-12);
        assertEquals(0.7, h.hubble(), 1e-12);
        ParticleLoad load = snap.load(1);
        Particles p = load.particles();
        assertEquals(0, load.wrappedCount());
        assertArrayEquals(refIds, p.ids());
        for (int i = 0; i < refPos.length; i++) {
            assertEquals(refPos[i], p.positionsMpcH()[i], 1e-4, "position " + i);
            assertEquals(refVel[i], p.velocitiesKmS()[i], 1e-2, "velocity " + i);
        }
        for (int i = 0; i < p.count(); i++) {
            assertEquals(0.25, p.mass(i), 1e-4);
        }
    }

    @Test
    void coordinatesOutsideTheBoxAreWrappedAndCounted() {
        ParticleLoad load = SnapshotReader.open(dir.resolve("outside.hdf5")).load(1);
        assertEquals(3, load.wrappedCount());
        for (int i = 0; i < 9; i++) {
            assertEquals(refPos[i], load.particles().positionsMpcH()[i], 1e-3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated.hdf5 | truncated",
        "not_hdf5.hdf5 | not a readable HDF5 file",
        "missing_ids.hdf5 | ParticleIDs is missing",
        "nan.hdf5 | non-finite coordinate",
        "count_mismatch.hdf5 | has shape",
        "gone.0.hdf5 | missing gone.2.hdf5",
        "no_such_file.hdf5 | no such snapshot file",
        "scaleoffset.hdf5 | scale-offset"})
    void brokenInputsGiveClearErrors(String name, String expected) {
        FormatException e = assertThrows(FormatException.class,
                () -> SnapshotReader.open(dir.resolve(name)).readParticles(1));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(name.replace("no_such_file.hdf5", "no_such_file")), "names the file: " + e.getMessage());
    }

    @Test
    void askingForAnAbsentParticleTypeSaysWhichTypesExist() {
        FormatException e = assertThrows(FormatException.class,
                () -> SnapshotReader.open(dir.resolve("gadget2_kpc.hdf5")).readParticles(0));
        assertTrue(e.getMessage().contains("no particles of type 0"), e.getMessage());
    }

    private static float[] floats(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
