package org.loupe.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

import org.loupe.Parallel;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** Turns linked cells into a {@link HaloCatalogue}: sizes, masses, centres of mass, mean velocities. */
final class FofGroups {

    private FofGroups() {
    }

    static FriendsOfFriends.Result assemble(Particles p, FofCells c, ConcurrentUnionFind sets, FofMeta meta, int threads) {
        int cells = c.cells;
        int[] root = new int[cells];
        int tasks = 64;
        Parallel.forEach(tasks, threads, t -> {
            for (int a = FofCells.lo(t, tasks, cells); a < FofCells.lo(t + 1, tasks, cells); a++) {
                root[a] = sets.find(a);
            }
        });
        int[] members = new int[cells];
        for (int a = 0; a < cells; a++) {
            members[root[a]] += c.size(a);
        }
        // Provisional group number per root cell, in root order (data-determined).
        int[] slot = new int[cells];
        int groups = 0;
        for (int a = 0; a < cells; a++) {
            slot[a] = root[a] == a && members[a] >= meta.minMembers() ? groups++ : -1;
        }
        Box b = p.box();
        double[] mass = new double[groups];
        double[][] com = new double[3][groups];
        double[][] vel = new double[3][groups];
        int[] len = new int[groups];
        int[] firstRoot = new int[groups];
        float[] ref = new float[3 * groups];
        float[] v = p.velocitiesKmS();
        for (int a = 0; a < cells; a++) {
            int g = slot[root[a]];
            if (g < 0) {
                continue;
            }
            for (int s = c.cellStart[a]; s < c.cellStart[a + 1]; s++) {
                int q = c.order[s];
                double w = p.mass(q);
                if (len[g] == 0) {
                    // Offsets from the group's first particle (minimum image) keep groups that
                    // straddle the boundary in one piece.
                    System.arraycopy(c.xyz, 3 * s, ref, 3 * g, 3);
                    firstRoot[g] = root[a];
                }
                len[g]++;
                mass[g] += w;
                com[0][g] += w * b.minimumImage(c.xyz[3 * s] - ref[3 * g]);
                com[1][g] += w * b.minimumImage(c.xyz[3 * s + 1] - ref[3 * g + 1]);
                com[2][g] += w * b.minimumImage(c.xyz[3 * s + 2] - ref[3 * g + 2]);
                if (v != null) {
                    for (int d = 0; d < 3; d++) {
                        vel[d][g] += w * v[3 * q + d];
                    }
                }
            }
        }
        if (p.equalMasses()) {
            // N × m exactly, whatever the order of the sums: a group of exactly the bins' lowest
            // member count then lies on its bin edge, not a rounding error below it.
            for (int g = 0; g < groups; g++) {
                double summed = mass[g];
                mass[g] = len[g] * p.massPerParticle();
                for (int d = 0; d < 3; d++) {
                    com[d][g] *= mass[g] / summed;
                }
            }
        }
        int[] rank = rankByMass(mass, len, firstRoot);
        int[] newIndex = new int[groups];
        for (int i = 0; i < groups; i++) {
            newIndex[rank[i]] = i;
        }
        int[] outLen = new int[groups];
        double[] outMass = new double[groups];
        double[][] pos = new double[3][groups];
        double[][] outVel = new double[3][groups];
        for (int i = 0; i < groups; i++) {
            int g = rank[i];
            outLen[i] = len[g];
            outMass[i] = mass[g];
            for (int d = 0; d < 3; d++) {
                pos[d][i] = b.wrap(ref[3 * g + d] + com[d][g] / mass[g]);
                outVel[d][i] = v == null ? Double.NaN : vel[d][g] / mass[g];
            }
        }
        int[] groupOf = new int[p.count()];
        Parallel.forEach(tasks, threads, t -> {
            for (int a = FofCells.lo(t, tasks, cells); a < FofCells.lo(t + 1, tasks, cells); a++) {
                int g = slot[root[a]];
                for (int s = c.cellStart[a]; s < c.cellStart[a + 1]; s++) {
                    groupOf[c.order[s]] = g < 0 ? -1 : newIndex[g];
                }
            }
        });
        HaloCatalogue cat = new HaloCatalogue(meta, outLen, outMass, pos[0], pos[1], pos[2],
                outVel[0], outVel[1], outVel[2]);
        return new FriendsOfFriends.Result(cat, groupOf);
    }

    /** Group order: mass descending, then size descending, then position of the root cell (ties). */
    private static int[] rankByMass(double[] mass, int[] len, int[] root) {
        return IntStream.range(0, mass.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(g -> -mass[g])
                        .thenComparingInt(g -> -len[g])
                        .thenComparingInt(g -> root[g]))
                .mapToInt(Integer::intValue).toArray();
    }
}
