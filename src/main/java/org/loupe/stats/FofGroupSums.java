package org.loupe.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.loupe.particles.Box;

/**
 * Growable per-group sums: core members, mass, mass-weighted offsets from an anchor particle
 * (minimum image, so groups across the periodic faces stay whole) and mass-weighted velocity.
 */
final class FofGroupSums {

    long[] members = new long[16];
    double[] mass = new double[16];
    double[] anchor = new double[48];
    boolean[] anchored = new boolean[16];
    double[] offset = new double[48];
    double[] momentum = new double[48];
    boolean velocities = true;
    int size;

    int add() {
        if (size == members.length) {
            int c = 2 * size;
            members = Arrays.copyOf(members, c);
            mass = Arrays.copyOf(mass, c);
            anchor = Arrays.copyOf(anchor, 3 * c);
            anchored = Arrays.copyOf(anchored, c);
            offset = Arrays.copyOf(offset, 3 * c);
            momentum = Arrays.copyOf(momentum, 3 * c);
        }
        return size++;
    }

    /** Row {@code r} takes the sums of {@code from}'s group g. */
    void copyFrom(FofGroupSums from, int g, int r) {
        members[r] = from.members[g];
        mass[r] = from.mass[g];
        anchored[r] = true;
        for (int d = 0; d < 3; d++) {
            anchor[3 * r + d] = from.anchor[3 * g + d];
            offset[3 * r + d] = from.offset[3 * g + d];
            momentum[3 * r + d] = from.momentum[3 * g + d];
        }
        velocities &= from.velocities;
    }

    /** Adds particle q of the slab to group g: to the anchor always, to the sums when it is owned. */
    void add(int g, FofSlab slab, int q, boolean owned, Box box) {
        if (!anchored[g]) {
            anchored[g] = true;
            for (int d = 0; d < 3; d++) {
                anchor[3 * g + d] = slab.pos[3 * q + d];
            }
        }
        if (!owned) {
            return;
        }
        double w = slab.mass(q);
        members[g]++;
        mass[g] += w;
        for (int d = 0; d < 3; d++) {
            offset[3 * g + d] += w * box.minimumImage(slab.pos[3 * q + d] - anchor[3 * g + d]);
            momentum[3 * g + d] += slab.vel == null ? 0 : w * slab.vel[3 * q + d];
        }
        velocities &= slab.vel != null;
    }

    /** The groups as a halo catalogue, sorted by mass, then size, then centre (x, y, z). */
    HaloCatalogue catalogue(FofMeta meta, Box box) {
        int n = size;
        double[][] centre = new double[3][n];
        double[][] velocity = new double[3][n];
        for (int g = 0; g < n; g++) {
            for (int d = 0; d < 3; d++) {
                centre[d][g] = box.wrap(anchor[3 * g + d] + offset[3 * g + d] / mass[g]);
                velocity[d][g] = velocities ? momentum[3 * g + d] / mass[g] : Double.NaN;
            }
            if (!Double.isNaN(meta.particleMass())) {
                // N × m exactly, as the in-memory finder: the same masses whatever the slabs' partial sums.
                mass[g] = members[g] * meta.particleMass();
            }
        }
        int[] rank = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(g -> -mass[g])
                        .thenComparingLong(g -> -members[g])
                        .thenComparingDouble(g -> centre[0][g])
                        .thenComparingDouble(g -> centre[1][g])
                        .thenComparingDouble(g -> centre[2][g]))
                .mapToInt(Integer::intValue).toArray();
        int[] rowMembers = new int[n];
        double[] rowMass = new double[n];
        double[][] c = new double[6][n];
        for (int i = 0; i < n; i++) {
            int g = rank[i];
            rowMembers[i] = Math.toIntExact(members[g]);
            rowMass[i] = mass[g];
            for (int d = 0; d < 3; d++) {
                c[d][i] = centre[d][g];
                c[3 + d][i] = velocity[d][g];
            }
        }
        return new HaloCatalogue(meta, rowMembers, rowMass, c[0], c[1], c[2], c[3], c[4], c[5]);
    }
}
