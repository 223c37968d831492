package org.loupe.stats;

import java.util.ArrayList;
import java.util.List;

import org.loupe.Parallel;

/**
 * Links neighbouring cells that hold a pair of friends: each cell is joined with the cells of a
 * fixed half stencil (offsets of up to two cells, lexicographically positive, whose nearest
 * points are within ℓ) as soon as one pair of their particles is within ℓ; pairs of cells that
 * are already joined are skipped.
 */
final class FofLinker {

    /** Width in y columns of one task's strip. */
    private static final int STRIP = 32;

    private final FofCells c;
    private final ConcurrentUnionFind sets;
    private final float link2;
    private final float box;
    private final float half;
    /** Forward column offsets: {dx, dy, r} with cells at dz ∈ [−r, r] in reach. */
    private final int[][] stencil;
    /** Reach along z within a cell's own column. */
    private final int selfReach;
    /** Largest offset, in cells, along any axis. */
    private final int reach;

    FofLinker(FofCells cells, ConcurrentUnionFind sets, double link, double box) {
        this.c = cells;
        this.sets = sets;
        this.link2 = (float) (link * link);
        this.box = (float) box;
        this.half = (float) (box / 2);
        double reach = link / cells.cellSize;
        int r = 1 + (int) Math.floor(reach);
        List<int[]> offsets = new ArrayList<>();
        for (int dx = 0; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                if (dx == 0 && dy <= 0) {
                    continue;
                }
                int dz = maxDz(gap(dx) + gap(dy), reach, r);
                if (dz >= 0) {
                    offsets.add(new int[] {dx, dy, dz});
                }
            }
        }
        stencil = offsets.toArray(new int[0][]);
        selfReach = maxDz(0, reach, r);
        this.reach = r;
    }

    /** Squared gap, in cells, between two cells {@code d} apart along one axis. */
    private static double gap(int d) {
        double g = Math.max(Math.abs(d) - 1, 0);
        return g * g;
    }

    /** Largest |dz| ≤ r whose cells can hold friends, −1 when none can. */
    private static int maxDz(double gapXy, double reach, int r) {
        int best = -1;
        for (int dz = 0; dz <= r; dz++) {
            if (gapXy + gap(dz) <= reach * reach * (1 + 1e-9)) {
                best = dz;
            }
        }
        return best;
    }

    /**
     * Tasks are strips of {@value #STRIP} y columns swept along x (many small tasks balance
     * clustered boxes). Each cell first tests the 64-bit z occupancy of each stencil column
     * against its own z window and searches only the columns that can hold a neighbour (a third
     * of them in a clustered 256³ box): the test is a cheap, mostly predictable branch, the search
     * is neither.
     */
    void run(int threads) {
        int m = c.m;
        int strips = (m + STRIP - 1) / STRIP;
        Parallel.forEach(strips, threads, t -> {
            int[] others = new int[stencil.length];
            long[] window = new long[reach + 1];
            for (int ix = 0; ix < c.mx; ix++) {
                for (int iy = t * STRIP; iy < Math.min(m, (t + 1) * STRIP); iy++) {
                    int col = ix * m + iy;
                    if (c.columnStart[col] == c.columnStart[col + 1]) {
                        continue;
                    }
                    ownColumn(col);
                    for (int k = 0; k < stencil.length; k++) {
                        int x = ix + stencil[k][0];
                        // A window of the box ends at its last column: nothing lies beyond it.
                        others[k] = c.periodicX ? Math.floorMod(x, m) * m + Math.floorMod(iy + stencil[k][1], m)
                                : x < c.mx ? x * m + Math.floorMod(iy + stencil[k][1], m) : -1;
                    }
                    for (int a = c.columnStart[col]; a < c.columnStart[col + 1]; a++) {
                        int z = c.cellZ[a];
                        for (int r = 0; r <= reach; r++) {
                            window[r] = c.window(z, r);
                        }
                        for (int k = 0; k < stencil.length; k++) {
                            int r = stencil[k][2];
                            if (others[k] >= 0 && (c.zMask[others[k]] & window[r]) != 0) {
                                neighbours(a, z, others[k], r);
                            }
                        }
                    }
                }
            }
        });
    }

    /** Pairs of cells within one column, dz ∈ [1, selfReach] (mod m). */
    private void ownColumn(int col) {
        int from = c.columnStart[col];
        int to = c.columnStart[col + 1];
        int m = c.m;
        for (int a = from; a < to; a++) {
            if (2 * selfReach + 1 >= m) {
                // Tiny grid: the window wraps onto itself; test every later cell.
                for (int b = a + 1; b < to; b++) {
                    tryLink(a, b);
                }
                continue;
            }
            int top = c.cellZ[a] + selfReach;
            for (int b = a + 1; b < to && c.cellZ[b] <= top; b++) {
                tryLink(a, b);
            }
            for (int b = from; b < a && c.cellZ[b] <= top - m; b++) {
                tryLink(a, b);
            }
        }
    }

    /** Cell a (at z) against the cells of column {@code other} at dz ∈ [−r, r] (mod m). */
    private void neighbours(int a, int z, int other, int r) {
        int from = c.columnStart[other];
        int to = c.columnStart[other + 1];
        int m = c.m;
        if (2 * r + 1 >= m) {
            for (int b = from; b < to; b++) {
                tryLink(a, b);
            }
            return;
        }
        int lo = z - r;
        int hi = z + r;
        for (int b = lowerBound(from, to, Math.max(lo, 0)); b < to && c.cellZ[b] <= hi; b++) {
            tryLink(a, b);
        }
        for (int b = to - 1; b >= from && c.cellZ[b] >= lo + m; b--) {
            tryLink(a, b);
        }
        for (int b = from; b < to && c.cellZ[b] <= hi - m; b++) {
            tryLink(a, b);
        }
    }

    /** First cell in [from, to) with z ≥ {@code z} (cells of a column are sorted by z). */
    private int lowerBound(int from, int to, int z) {
        int[] cz = c.cellZ;
        while (to - from > 8) {
            int mid = (from + to) >>> 1;
            if (cz[mid] < z) {
                from = mid + 1;
            } else {
                to = mid;
            }
        }
        while (from < to && cz[from] < z) {
            from++;
        }
        return from;
    }

    private void tryLink(int a, int b) {
        if (a == b) {
            return;
        }
        // Single-particle cells (voids) are cheaper to test than to look up.
        boolean small = (long) c.size(a) * c.size(b) <= 2;
        if (!small && sets.find(a) == sets.find(b)) {
            return;
        }
        if (friends(a, b)) {
            sets.union(a, b);
        }
    }

    /** Whether any particle of cell a is within ℓ of any particle of cell b (minimum image). */
    private boolean friends(int a, int b) {
        float[] xyz = c.xyz;
        int b0 = 3 * c.cellStart[b];
        int b1 = 3 * c.cellStart[b + 1];
        for (int i = 3 * c.cellStart[a]; i < 3 * c.cellStart[a + 1]; i += 3) {
            float xi = xyz[i];
            float yi = xyz[i + 1];
            float zi = xyz[i + 2];
            for (int j = b0; j < b1; j += 3) {
                float dx = wrap(xi - xyz[j]);
                float dy = wrap(yi - xyz[j + 1]);
                float dz = wrap(zi - xyz[j + 2]);
                if (dx * dx + dy * dy + dz * dz <= link2) {
                    return true;
                }
            }
        }
        return false;
    }

    private float wrap(float d) {
        return d > half ? d - box : (d < -half ? d + box : d);
    }
}
