package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.ConfigException;
import org.loupe.particles.Box;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

/** The slab-wise FoF finds exactly the groups of the in-memory finder, whatever the number of slabs. */
@ReferenceData
class SlabFriendsOfFriendsTest {

    /** GADGET-4's z = 0 box (62 groups of ≥ 32 particles, some across the periodic faces). */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void gadget4BoxGivesTheInMemoryGroups(int slabs) {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032").resolve("snapshot_004.hdf5")).readParticles(1);
        FofSpec spec = FofSpec.defaults().withMinMembers(8);
        HaloCatalogue whole = FriendsOfFriends.halos(p, spec, 2);
        HaloCatalogue slabbed = SlabFriendsOfFriends.halos(ParticleStream.of(p), spec, slabs, 2);
        assertTrue(whole.size() > 60, "a clustered box: " + whole.size() + " groups");
        sameGroups(whole, slabbed, p.box());
    }

    /**
     * A filament longer than a slab that crosses the periodic x face and several slab faces, in a
     * random background, with unequal masses and velocities: one group, with the in-memory mass,
     * centre and mean velocity.
     */
    @Test
    void filamentAcrossSlabFacesAndThePeriodicFaceIsOneGroup() {
        double box = 100;
        int background = 20_000;
        Random r = new Random(7);
        double link = FriendsOfFriends.linkingLength(box, background + 120, 0.2);
        // 0.45 L long: longer than a slab, short enough for a centre of mass to mean something.
        int chain = (int) Math.round(0.45 * box / (0.5 * link));
        int n = background + chain;
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        float[] mass = new float[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                pos[3 * i + d] = (float) (r.nextDouble() * box);
                vel[3 * i + d] = (float) r.nextGaussian() * 100;
            }
            mass[i] = 1 + r.nextFloat();
        }
        // Background points near the chain would join it: move them away first (y, z far from 50).
        for (int i = 0; i < background; i++) {
            if (Math.abs(pos[3 * i + 1] - 50) < 3 && Math.abs(pos[3 * i + 2] - 50) < 3) {
                pos[3 * i + 1] = (float) ((pos[3 * i + 1] + 10) % box);
            }
        }
        for (int j = 0; j < chain; j++) {
            int i = background + j;
            pos[3 * i] = (float) ((85 + j * 0.5 * link) % box);
            pos[3 * i + 1] = 50;
            pos[3 * i + 2] = 50;
        }
        assertTrue(85 + chain * 0.5 * link > 1.25 * box, "the chain crosses the periodic face and slab faces beyond it");
        Particles p = new Particles(new Box(box), pos, vel, null, Double.NaN, mass);
        FofSpec spec = FofSpec.defaults().withMinMembers(2);
        HaloCatalogue whole = FriendsOfFriends.halos(p, spec, 2);
        for (int slabs : new int[] {2, 4, 9}) {
            HaloCatalogue slabbed = SlabFriendsOfFriends.halos(ParticleStream.of(p), spec, slabs, 2);
            assertEquals(chain, slabbed.members()[0], "the chain is the largest group, whole, with " + slabs + " slabs");
            sameGroups(whole, slabbed, p.box());
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(whole.vx()[i], slabbed.vx()[i], 1e-3, "mean velocity");
            }
        }
    }

    @Test
    void tooManySlabsIsRefusedWithTheLimit() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N016").resolve("snapshot_004.hdf5")).readParticles(1);
        var e = assertThrows(ConfigException.class,
                () -> SlabFriendsOfFriends.halos(ParticleStream.of(p), FofSpec.defaults(), 100, 1));
        assertTrue(e.getMessage().contains("1 to " + SlabFriendsOfFriends.maxSlabs(p.count(), FofSpec.defaults())), e.getMessage());
    }

    @Test
    void slabsForKeepsEachSlabWithinTheBudget() {
        assertEquals(1, SlabFriendsOfFriends.slabsFor(1000, 1000 * SlabFriendsOfFriends.BYTES_PER_PARTICLE));
        int s = SlabFriendsOfFriends.slabsFor(1L << 27, 1L << 30);
        assertTrue(s * 0.85 * (1L << 30) >= SlabFriendsOfFriends.BYTES_PER_PARTICLE * (1L << 27), "enough slabs: " + s);
        assertTrue((s - 1) * 0.85 * (1L << 30) < SlabFriendsOfFriends.BYTES_PER_PARTICLE * (1L << 27), "not more: " + s);
    }

    /** Same rows: sizes and masses equal, centres within rounding (rows matched by order, ties by centre). */
    private static void sameGroups(HaloCatalogue a, HaloCatalogue b, Box box) {
        assertEquals(a.size(), b.size(), "group count");
        boolean[] used = new boolean[b.size()];
        for (int i = 0; i < a.size(); i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < b.size(); j++) {
                if (used[j] || b.members()[j] != a.members()[i]) {
                    continue;
                }
                double d = Math.abs(box.minimumImage(a.x()[i] - b.x()[j])) + Math.abs(box.minimumImage(a.y()[i] - b.y()[j]))
                        + Math.abs(box.minimumImage(a.z()[i] - b.z()[j]));
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertTrue(best >= 0, "group " + i + " of " + a.members()[i] + " particles has a partner");
            assertTrue(bestD < 1e-3, "centre of group " + i + " moved by " + bestD + " Mpc/h");
            assertEquals(a.mass()[i], b.mass()[best], 1e-9 * a.mass()[i], "mass of group " + i);
            used[best] = true;
        }
    }
}
