package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.ConfigException;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** The friends-of-friends finder against planted groups, Poisson noise and a brute-force O(N²) search. */
class FriendsOfFriendsTest {

    private static final double BOX = 100.0;
    /** Blob centres; the last sits on a corner of the box, so it is split across all eight faces. */
    private static final double[][] CENTRES = {{20, 30, 40}, {70, 20, 80}, {50, 50, 50}, {15, 85, 60}, {99.9, 0.05, 99.95}};
    private static final int[] SIZES = {300, 200, 120, 80, 50};
    private static final float[][] BLOB_VELOCITY = {{100, 0, 0}, {0, -200, 0}, {0, 0, 50}, {10, 20, 30}, {-40, 0, 400}};
    private static final int BACKGROUND = 2000;

    /** Five tight Gaussian blobs (σ = 0.1 Mpc/h) in a sparse uniform background kept 4 Mpc/h away from them. */
    private static Particles plantedBlobs() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = Arrays.stream(SIZES).sum() + BACKGROUND;
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        int p = 0;
        for (int b = 0; b < SIZES.length; b++) {
            for (int k = 0; k < SIZES[b]; k++, p++) {
                for (int d = 0; d < 3; d++) {
                    pos[3 * p + d] = HaloFields.wrap(CENTRES[b][d] + 0.1 * rng.nextGaussian(), BOX);
                    vel[3 * p + d] = BLOB_VELOCITY[b][d] + (k % 2 == 0 ? 7f : -7f);
                }
            }
        }
        Box box = new Box(BOX);
        while (p < n) {
            double[] x = {rng.nextDouble() * BOX, rng.nextDouble() * BOX, rng.nextDouble() * BOX};
            boolean near = false;
            for (double[] c : CENTRES) {
                double dx = box.minimumImage(x[0] - c[0]);
                double dy = box.minimumImage(x[1] - c[1]);
                double dz = box.minimumImage(x[2] - c[2]);
                near |= dx * dx + dy * dy + dz * dz < 16;
            }
            if (!near) {
                for (int d = 0; d < 3; d++) {
                    pos[3 * p + d] = (float) x[d];
                    vel[3 * p + d] = 999f;
                }
                p++;
            }
        }
        return new Particles(box, pos, vel, null, 0.5, null);
    }

    @Test
    void plantedBlobsAreFoundWithExactMembership() {
        Particles particles = plantedBlobs();
        FriendsOfFriends.Result r = FriendsOfFriends.find(particles, FofSpec.defaults(), 2);
        HaloCatalogue cat = r.catalogue();
        assertEquals(SIZES.length, cat.size(), "one group per blob, none from the background");
        assertArrayEquals(SIZES, cat.members(), "sorted by mass, sizes exact");
        int p = 0;
        for (int b = 0; b < SIZES.length; b++) {
            for (int k = 0; k < SIZES[b]; k++, p++) {
                assertEquals(b, r.groupOfParticle()[p], "particle " + p + " of blob " + b);
            }
            assertEquals(0.5 * SIZES[b], cat.mass()[b], 1e-9);
            assertEquals(BLOB_VELOCITY[b][0], cat.vx()[b], 1e-4);
            assertEquals(BLOB_VELOCITY[b][2], cat.vz()[b], 1e-4);
        }
        for (; p < particles.count(); p++) {
            assertEquals(-1, r.groupOfParticle()[p], "background particle " + p);
        }
        FofMeta meta = cat.meta();
        assertEquals(0.2 * BOX / Math.cbrt(particles.count()), meta.linkingLengthMpcH(), 1e-12);
        assertEquals(20, meta.minMembers());
        assertEquals(particles.count(), meta.particleCount());
        assertEquals(0.5, meta.particleMass());
    }

    @Test
    void centresOfMassAreExactAlsoAcrossTheBoundary() {
        Particles particles = plantedBlobs();
        HaloCatalogue cat = FriendsOfFriends.halos(particles, FofSpec.defaults(), 1);
        Box box = particles.box();
        float[] x = particles.positionsMpcH();
        int first = 0;
        for (int b = 0; b < SIZES.length; b++) {
            double[] centre = {cat.x()[b], cat.y()[b], cat.z()[b]};
            for (int d = 0; d < 3; d++) {
                // Expected: the blob centre plus the members' mean minimum-image offset from it.
                double sum = 0;
                for (int p = first; p < first + SIZES[b]; p++) {
                    sum += box.minimumImage(x[3 * p + d] - CENTRES[b][d]);
                }
                double expected = box.wrap(CENTRES[b][d] + sum / SIZES[b]);
                assertEquals(0, box.minimumImage(centre[d] - expected), 1e-5, "blob " + b + " axis " + d);
                assertTrue(centre[d] >= 0 && centre[d] < BOX);
            }
            first += SIZES[b];
        }
    }

    @Test
    void uniformPoissonCatalogueHasNoBigGroups() {
        Particles uniform = TestFields.uniform(64 * 64 * 64, 64.0, 5L);
        assertEquals(0, FriendsOfFriends.halos(uniform, FofSpec.defaults(), 2).size());
        HaloCatalogue all = FriendsOfFriends.halos(uniform, FofSpec.defaults().withMinMembers(2), 2);
        // Pairs are common at b = 0.2 (P(neighbour within ℓ) ≈ 4π b³/3 ≈ 3 %), big groups are not.
        assertTrue(all.size() > 1000, "pairs exist: " + all.size());
        assertTrue(all.members()[0] < 10, "largest group " + all.members()[0]);
    }

    @Test
    void resultIsIdenticalForAnyThreadCount() {
        Particles p = HaloFields.clustered(150_000, 80.0, 0.5, 3L);
        FriendsOfFriends.Result one = FriendsOfFriends.find(p, FofSpec.defaults(), 1);
        assertTrue(one.catalogue().size() > 100, "clustered catalogue has groups: " + one.catalogue().size());
        for (int threads : new int[] {2, 3, 8}) {
            FriendsOfFriends.Result r = FriendsOfFriends.find(p, FofSpec.defaults(), threads);
            HaloCatalogue a = one.catalogue();
            HaloCatalogue b = r.catalogue();
            assertArrayEquals(a.members(), b.members(), threads + " threads");
            assertArrayEquals(a.mass(), b.mass());
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.y(), b.y());
            assertArrayEquals(a.z(), b.z());
            assertArrayEquals(a.vy(), b.vy());
            assertArrayEquals(one.groupOfParticle(), r.groupOfParticle());
        }
    }

    /** Every partition into friends-of-friends groups equals the O(N²) one, including tiny grids that wrap on themselves. */
    @ParameterizedTest
    @CsvSource({"3000, 0.2, 1", "3000, 0.35, 2", "400, 0.6, 2", "30, 0.9, 1", "9, 0.95, 2", "1, 0.2, 1"})
    void matchesBruteForce(int n, double b, int threads) {
        Particles p = HaloFields.clustered(n, 10.0, 0.4, n * 31L + 7);
        FriendsOfFriends.Result r = FriendsOfFriends.find(p, new FofSpec(b, 1), threads);
        int[] expected = bruteForce(p, FriendsOfFriends.linkingLength(10.0, n, b));
        // Same partition: the labels correspond one to one.
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int got = r.groupOfParticle()[i];
            int want = expected[i];
            assertTrue(got >= 0, "with min 1 every particle is in a group");
            assertEquals(want, (int) forward.computeIfAbsent(got, g -> want), "particle " + i);
            assertEquals(got, (int) backward.computeIfAbsent(want, e -> got), "particle " + i);
        }
        assertEquals(n, r.catalogue().particlesInGroups());
        if (n >= 400) {
            assertTrue(r.catalogue().members()[0] > 20, "the comparison has real groups: " + r.catalogue().members()[0]);
        }
    }

    private static int[] bruteForce(Particles p, double link) {
        int n = p.count();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        float[] x = p.positionsMpcH();
        Box box = p.box();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d2 = 0;
                for (int d = 0; d < 3; d++) {
                    double dd = box.minimumImage((double) x[3 * i + d] - x[3 * j + d]);
                    d2 += dd * dd;
                }
                if (d2 <= link * link) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = root(parent, i);
        }
        return label;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    @Test
    void unequalMassesWeightTheCentreAndVelocity() {
        // 30 particles 0.02 Mpc/h apart in x (light ones at x = 9.99, heavy ones at 10.01), plus
        // 970 background particles on a coarse lattice far from them (spacing 10 ≫ ℓ = 0.2).
        int n = 1000;
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        float[] masses = new float[n];
        for (int p = 0; p < 30; p++) {
            boolean heavy = p >= 15;
            pos[3 * p] = heavy ? 10.01f : 9.99f;
            pos[3 * p + 1] = 50f;
            pos[3 * p + 2] = 50f + 0.001f * p;
            vel[3 * p] = heavy ? 100f : -100f;
            masses[p] = heavy ? 3f : 1f;
        }
        for (int p = 30; p < n; p++) {
            int s = p - 30;
            pos[3 * p] = 5f + 10 * (s % 10);
            pos[3 * p + 1] = 5f + 10 * ((s / 10) % 10);
            pos[3 * p + 2] = 5f + 10 * (s / 100);
            masses[p] = 1f;
        }
        Particles particles = new Particles(new Box(BOX), pos, vel, null, Double.NaN, masses);
        HaloCatalogue cat = FriendsOfFriends.halos(particles, FofSpec.defaults(), 2);
        assertEquals(1, cat.size());
        assertEquals(30, cat.members()[0]);
        assertEquals(15 * 1 + 15 * 3, cat.mass()[0], 1e-9);
        assertEquals(10.0 + 0.01 * (3 - 1) / 4.0, cat.x()[0], 1e-5);
        assertEquals(100.0 * (3 - 1) / 4.0, cat.vx()[0], 1e-4);
        assertTrue(Double.isNaN(cat.meta().particleMass()), "no single particle mass");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(ConfigException.class, () -> new FofSpec(0, 20));
        assertThrows(ConfigException.class, () -> new FofSpec(1.5, 20));
        assertThrows(ConfigException.class, () -> new FofSpec(0.2, 0));
    }
}
