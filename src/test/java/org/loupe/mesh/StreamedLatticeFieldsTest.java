package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.FormatException;
import org.loupe.particles.Lattice;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.SharedData;

/** Lattice fields built while reading equal, bit for bit, those built from the particles in memory. */
class StreamedLatticeFieldsTest {

    @Test
    void fieldsReadInBlocksAreThoseOfTheParticlesInMemory() {
        Snapshot snap = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"));
        Particles p = snap.readParticles(1);
        Lattice lattice = Lattice.detect(p);
        Grid both = LagrangianFields.fields(p, lattice, true, true, 0, List.of());
        // From the file, in blocks smaller than the box (as a big box is read).
        StreamedLatticeFields.Fields f = StreamedLatticeFields.read(blocks(snap.stream(1, true), 5000), Double.NaN, true, 0,
                List.of(), "A_N032");
        assertEquals(lattice, f.lattice());
        int cells = 3 * 32 * 32 * 32;
        assertArrayEquals(java.util.Arrays.copyOfRange(both.values(), 0, cells), f.displacement().values());
        assertArrayEquals(java.util.Arrays.copyOfRange(both.values(), cells, 2 * cells), f.velocity().values());
    }

    @Test
    void aCellCentredLatticeIsDetectedAsInMemory() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5")).readParticles(1);
        float[] x = p.positionsMpcH().clone();
        float half = (float) (0.5 * p.box().sizeMpcH() / 32);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) p.box().wrap(x[i] + half);
        }
        Particles shifted = new Particles(p.box(), x, p.velocitiesKmS(), p.ids(), p.massPerParticle(), null);
        Lattice lattice = Lattice.detect(shifted);
        assertEquals(0.5, lattice.offsetCells());
        StreamedLatticeFields.Fields f = StreamedLatticeFields.read(ParticleStream.of(shifted), Double.NaN, false, 0, List.of(),
                "shifted");
        assertEquals(lattice, f.lattice());
        assertArrayEquals(LagrangianFields.displacement(shifted, lattice, 0, List.of()).values(), f.displacement().values());
    }

    @Test
    void idsNotInLatticeOrderAreRefusedWithTheSameLine() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5")).readParticles(1);
        long[] ids = p.ids().clone();
        java.util.Random r = new java.util.Random(1);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        Particles shuffled = new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), ids, p.massPerParticle(), null);
        FormatException inMemory = assertThrows(FormatException.class,
                () -> Lattice.detect(shuffled).requirePlausible(shuffled, "snap.hdf5"));
        FormatException streamed = assertThrows(FormatException.class,
                () -> StreamedLatticeFields.read(ParticleStream.of(shuffled), Double.NaN, true, 0, List.of(), "snap.hdf5"));
        assertEquals(inMemory.getMessage(), streamed.getMessage());
        assertTrue(streamed.getMessage().startsWith("snap.hdf5: "), streamed.getMessage());
    }

    /** The stream re-cut into blocks of {@code size} particles (the reader's blocks can be any size). */
    private static ParticleStream blocks(ParticleStream s, int size) {
        return new ParticleStream() {
            @Override
            public org.loupe.particles.Box box() {
                return s.box();
            }

            @Override
            public long count() {
                return s.count();
            }

            @Override
            public void forEachBlock(int block, java.util.function.Consumer<Particles> sink) {
                s.forEachBlock(size, sink);
            }
        };
    }
}
