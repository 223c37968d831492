package org.loupe.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A source that makes particles in its own units is re-cut into blocks of exactly the size asked for. */
class ParticleStreamTest {

    @Test
    void blocksOfAnySizeAreRecutIntoExactBlocksWithEveryArrayInOrder() {
        Box box = new Box(10);
        int[] made = {7, 3, 11, 1};
        ParticleStream s = ParticleStream.of(box, 22, sink -> {
            int id = 0;
            for (int n : made) {
                float[] pos = new float[3 * n];
                float[] vel = new float[3 * n];
                long[] ids = new long[n];
                float[] mass = new float[n];
                for (int i = 0; i < n; i++, id++) {
                    pos[3 * i] = id * 0.1f;
                    vel[3 * i + 1] = id;
                    ids[i] = 100 + id;
                    mass[i] = 1 + id;
                }
                sink.accept(new Particles(box, pos, vel, ids, Double.NaN, mass));
            }
        });
        for (int block : new int[] {5, 22, 40}) {
            List<Integer> sizes = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            float[] x = new float[22];
            float[] v = new float[22];
            float[] m = new float[22];
            s.forEachBlock(block, p -> {
                int at = ids.size();
                sizes.add(p.count());
                for (int i = 0; i < p.count(); i++) {
                    ids.add(p.ids()[i]);
                    x[at + i] = p.positionsMpcH()[3 * i];
                    v[at + i] = p.velocitiesKmS()[3 * i + 1];
                    m[at + i] = p.masses()[i];
                }
            });
            int full = 22 / block;
            for (int b = 0; b < full; b++) {
                assertEquals(block, sizes.get(b), "block " + b + " of " + block);
            }
            assertEquals(22 % block == 0 ? full : full + 1, sizes.size(), "blocks of " + block);
            for (int i = 0; i < 22; i++) {
                assertEquals(100 + i, ids.get(i));
                assertEquals(i * 0.1f, x[i]);
                assertEquals(i, v[i]);
                assertEquals(1 + i, m[i]);
            }
        }
    }

    @Test
    void equalMassesStayEqualAndTheLastBlockIsShort() {
        Box box = new Box(4);
        ParticleStream s = ParticleStream.of(box, 5, sink -> sink.accept(new Particles(box, new float[15], null, null, 2.5, null)));
        List<Particles> blocks = new ArrayList<>();
        s.forEachBlock(2, p -> blocks.add(new Particles(box, p.positionsMpcH().clone(), null, null, p.massPerParticle(), p.masses())));
        assertArrayEquals(new int[] {2, 2, 1}, blocks.stream().mapToInt(Particles::count).toArray());
        blocks.forEach(p -> assertEquals(2.5, p.massPerParticle()));
    }
}
