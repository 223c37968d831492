package org.loupe.stats;

import java.util.Arrays;

import org.loupe.particles.Box;

/**
 * The groups of {@link SlabFriendsOfFriends} that reach a slab face: a union-find whose roots
 * carry the sums of their sets, joined through the particles two slabs share.
 */
final class FofBoundaryGroups {

    /** No group: the particle's group is finished elsewhere or too small. */
    static final int NONE = Integer.MIN_VALUE;
    FofGroupSums sums = new FofGroupSums();
    int[] parent = new int[16];

    int add() {
        int g = sums.add();
        if (g == parent.length) {
            parent = Arrays.copyOf(parent, 2 * g);
        }
        parent[g] = g;
        return g;
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    void union(int a, int b, Box box) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        int keep = Math.min(ra, rb);
        int gone = Math.max(ra, rb);
        parent[gone] = keep;
        sums.members[keep] += sums.members[gone];
        double m = sums.mass[gone];
        sums.mass[keep] += m;
        for (int d = 0; d < 3; d++) {
            // Offsets of the joined set re-anchored on the kept root's anchor.
            double shift = box.minimumImage(sums.anchor[3 * gone + d] - sums.anchor[3 * keep + d]);
            sums.offset[3 * keep + d] += sums.offset[3 * gone + d] + m * shift;
            sums.momentum[3 * keep + d] += sums.momentum[3 * gone + d];
        }
    }

    /**
     * Keeps only the sets that {@code open} and {@code first} still reach (their entries are
     * renumbered in place); every other set is complete and becomes a row of {@code rows} when large enough.
     */
    void retire(int[] open, int[] first, int minMembers, FofGroupSums rows) {
        int[] index = new int[sums.size];
        Arrays.fill(index, -1);
        FofGroupSums kept = new FofGroupSums();
        for (int[] refs : new int[][] {open, first}) {
            for (int i = 0; i < refs.length; i++) {
                if (refs[i] == NONE) {
                    continue;
                }
                int r = find(refs[i]);
                if (index[r] < 0) {
                    index[r] = kept.add();
                    kept.copyFrom(sums, r, index[r]);
                }
                refs[i] = index[r];
            }
        }
        for (int g = 0; g < sums.size; g++) {
            if (find(g) == g && index[g] < 0 && sums.members[g] >= minMembers) {
                rows.copyFrom(sums, g, rows.add());
            }
        }
        sums = kept;
        parent = new int[Math.max(16, kept.size)];
        for (int g = 0; g < kept.size; g++) {
            parent[g] = g;
        }
    }

    /** Every root with enough members becomes a row of {@code rows}. */
    void finish(int minMembers, FofGroupSums rows) {
        for (int g = 0; g < sums.size; g++) {
            if (find(g) == g && sums.members[g] >= minMembers) {
                rows.copyFrom(sums, g, rows.add());
            }
        }
    }
}
