package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.ConfigException;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** A snapshot written slab by slab holds exactly what one write of all the particles holds. */
class StreamedWriteTest {

    @TempDir
    Path dir;

    private static final Box BOX = new Box(50.0);

    @Test
    void streamedSlabsEqualOneWholeWrite() {
        int n = 3000;
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[3 * n];
        float[] v = new float[3 * n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                x[3 * i + a] = (float) (r.nextDouble() * 50.0);
                v[3 * i + a] = (float) r.nextGaussian(0, 300);
            }
            ids[i] = i + 1;
        }
        Particles all = new Particles(BOX, x, v, ids, 0.7, null);
        SnapshotMeta meta = new SnapshotMeta(0.5, 0.3, 0.7, 0.68, "{}");
        Path whole = dir.resolve("whole.hdf5");
        SnapshotWriter.write(whole, all, meta, WriteOptions.defaults());
        int[] cuts = {0, 1000, 1001, 2500, 3000};   // uneven slabs, one of a single particle
        Path streamed = dir.resolve("streamed.hdf5");
        SnapshotWriter.writeStreamed(streamed, BOX, n, 0.7, meta, WriteOptions.defaults(), new SnapshotWriter.SlabSource() {
            @Override
            public int slabs() {
                return cuts.length - 1;
            }

            @Override
            public Particles slab(int i) {
                int lo = cuts[i];
                int hi = cuts[i + 1];
                return new Particles(BOX, Arrays.copyOfRange(x, 3 * lo, 3 * hi), Arrays.copyOfRange(v, 3 * lo, 3 * hi),
                        Arrays.copyOfRange(ids, lo, hi), 0.7, null);
            }
        });
        Snapshot a = SnapshotReader.open(whole);
        Snapshot b = SnapshotReader.open(streamed);
        assertEquals(a.header().count(1), b.header().count(1));
        assertEquals(a.header().boxMpcH(), b.header().boxMpcH());
        assertEquals(a.header().redshift(), b.header().redshift());
        assertEquals(a.header().mass(1), b.header().mass(1));
        Particles pa = a.readParticles(1);
        Particles pb = b.readParticles(1);
        assertArrayEquals(pa.positionsMpcH(), pb.positionsMpcH());
        assertArrayEquals(pa.velocitiesKmS(), pb.velocitiesKmS());
        assertArrayEquals(pa.ids(), pb.ids());
    }

    @Test
    void aSourceThatComesUpShortLeavesNoFile() {
        Path out = dir.resolve("short.hdf5");
        assertThrows(ConfigException.class, () -> SnapshotWriter.writeStreamed(out, BOX, 10, 1.0,
                new SnapshotMeta(0, 0.3, 0.7, 0.7, "{}"), WriteOptions.defaults(), new SnapshotWriter.SlabSource() {
                    @Override
                    public int slabs() {
                        return 1;
                    }

                    @Override
                    public Particles slab(int i) {
                        return new Particles(BOX, new float[15], new float[15], new long[] {1, 2, 3, 4, 5}, 1.0, null);
                    }
                }));
        assertFalse(Files.exists(out), "no partial snapshot");
        assertEquals(0, dir.toFile().list().length, "no temp file left: " + Arrays.toString(dir.toFile().list()));
    }
}
