package org.loupe.stats;

import java.util.Arrays;

import org.loupe.ConfigException;
import org.loupe.Parallel;
import org.loupe.particles.Particles;

/**
 * Particles sorted into cubic cells of side s ≤ ℓ/√3, stored sparsely: only occupied cells exist,
 * ordered by (x column, y column, z), and each (x, y) column points to its run of cells.
 *
 * <p>Why cells this small: any two particles in one cell are closer than ℓ, so a cell is linked
 * as a whole and the union-find runs over cells, not particles. In halo cores, where one cell
 * holds many particles, this replaces O(n²) pair tests with nothing; between neighbouring cells
 * one linked pair suffices. The price is a sparse layout (the dense grid would have (√3 L/ℓ)³
 * cells, 10¹⁰ for 256³ particles) and a stencil reaching two cells out.
 *
 * <p>The sort is a stable counting sort into x slabs (fixed particle ranges, each scattering from
 * its own offsets) followed by a sort of each slab by (y, z, particle index), slabs in parallel.
 * The order, and with it every sum over a group, depends on the data alone.
 */
final class FofCells {

    /** Largest column index table (4 bytes per column) before the linking length is deemed too small. */
    private static final long MAX_COLUMNS = 1L << 28;
    /** Particle ranges of the slab sort (fixed, so nothing depends on the thread count). */
    private static final int RANGES = 64;

    /** Cells per side along y and z (and along x when the whole box is sorted). */
    final int m;
    /** Cells along x: {@code m} for the whole box, fewer for a window ({@link #FofCells(Particles, double, int, double, double)}). */
    final int mx;
    /** Whether x wraps (the whole box) or the cells cover a window of it, open at both ends. */
    final boolean periodicX;
    final double cellSize;
    /** Sorted slot → particle index. */
    final int[] order;
    /** Positions in sorted order, interleaved x y z (one cache line serves a whole particle), Mpc/h. */
    final float[] xyz;
    /** Cell c holds sorted slots cellStart[c] .. cellStart[c+1]−1; length cells + 1. */
    final int[] cellStart;
    /** z index of each cell. */
    final int[] cellZ;
    /** Column (ix·m + iy) holds cells columnStart[col] .. columnStart[col+1]−1; length mx·m + 1. */
    final int[] columnStart;
    /**
     * Per column, bit {@link #block(int)} set for each occupied z: a neighbour search first tests
     * these 64 bits and skips the column when they show nothing near.
     */
    final long[] zMask;
    final int cells;

    /** The whole periodic box. */
    FofCells(Particles p, double linkingLength, int threads) {
        this(p, linkingLength, threads, 0, Double.NaN);
    }

    /**
     * Only the window [x0, x0 + extent) of the periodic box along x (taken modulo L, so a window
     * may wrap), y and z whole: the cells of one slab of a box, whose number then grows with the
     * slab, not the box ({@link SlabFriendsOfFriends}). Every particle must lie in the window;
     * distances stay minimum-image, so friends found here are friends in the whole box.
     *
     * @param extent the window's width, Mpc/h; NaN for the whole box (periodic along x)
     */
    FofCells(Particles p, double linkingLength, int threads, double x0, double extent) {
        int n = p.count();
        double box = p.box().sizeMpcH();
        // Cell diagonal ≤ ℓ (the margin keeps it so after rounding of L/m).
        m = Math.max(1, (int) Math.ceil(Math.sqrt(3.0) * box / linkingLength * (1 + 1e-9)));
        cellSize = box / m;
        periodicX = Double.isNaN(extent);
        mx = periodicX ? m : Math.min(m, (int) Math.ceil(extent / cellSize) + 1);
        if ((long) mx * m > MAX_COLUMNS) {
            throw new ConfigException("FoF linking length " + linkingLength + " Mpc/h is too small for a " + box
                    + " Mpc/h box (" + m + " cells per side); use a larger linking factor or fewer particles per box");
        }
        float[] pos = p.positionsMpcH();
        int[] slab = new int[n];
        int[] key = new int[n];
        double inv = m / box;
        int mm = m;
        int mmx = mx;
        Parallel.forEach(RANGES, threads, r -> {
            for (int q = lo(r, RANGES, n); q < lo(r + 1, RANGES, n); q++) {
                slab[q] = periodicX ? index(pos[3 * q], inv, box, mm) : windowIndex(pos[3 * q], x0, inv, box, mmx);
                key[q] = index(pos[3 * q + 1], inv, box, mm) * mm + index(pos[3 * q + 2], inv, box, mm);
            }
        });
        int[] slabStart = new int[mx + 1];
        float[] slabPos = new float[3 * n];
        int[] bySlab = slabSort(slab, pos, n, slabStart, slabPos, threads);
        order = new int[n];
        xyz = new float[3 * n];
        int[] sortedKey = new int[n];
        int[] cellsInSlab = new int[mx];
        Parallel.forEach(mx, threads, s -> {
            int from = slabStart[s];
            int to = slabStart[s + 1];
            long[] k = new long[to - from];
            // Sort keys carry the slot within the slab (not the particle index, which is
            // increasing within a slab anyway): positions are then gathered from the slab's own
            // copy, which stays in cache, instead of from anywhere in the input.
            for (int i = from; i < to; i++) {
                k[i - from] = (long) key[bySlab[i]] << 32 | (i - from);
            }
            Arrays.sort(k);
            int count = 0;
            for (int i = from; i < to; i++) {
                int j = from + (int) k[i - from];
                int kq = (int) (k[i - from] >>> 32);
                order[i] = bySlab[j];
                sortedKey[i] = kq;
                xyz[3 * i] = slabPos[3 * j];
                xyz[3 * i + 1] = slabPos[3 * j + 1];
                xyz[3 * i + 2] = slabPos[3 * j + 2];
                count += i == from || kq != sortedKey[i - 1] ? 1 : 0;
            }
            cellsInSlab[s] = count;
        });
        int[] firstCell = new int[mx + 1];
        for (int s = 0; s < mx; s++) {
            firstCell[s + 1] = firstCell[s] + cellsInSlab[s];
        }
        cells = firstCell[mx];
        cellStart = new int[cells + 1];
        cellZ = new int[cells];
        columnStart = new int[mx * m + 1];
        zMask = new long[mx * m];
        Parallel.forEach(mx, threads, s -> {
            int c = firstCell[s];
            int column = s * mm;
            for (int i = slabStart[s]; i < slabStart[s + 1]; i++) {
                int kq = sortedKey[i];
                if (i == slabStart[s] || kq != sortedKey[i - 1]) {
                    int iy = kq / mm;
                    for (; column <= s * mm + iy; column++) {
                        columnStart[column] = c;
                    }
                    cellStart[c] = i;
                    cellZ[c++] = kq % mm;
                    zMask[s * mm + iy] |= 1L << block(kq % mm);
                }
            }
            for (; column < (s + 1) * mm; column++) {
                columnStart[column] = c;
            }
        });
        cellStart[cells] = n;
        columnStart[mx * m] = cells;
    }

    /** The zMask bit of z index {@code z}: 64 equal blocks of z. */
    int block(int z) {
        return (int) ((long) z * 64 / m);
    }

    /** zMask bits of the z indices [z − r, z + r] (mod m). */
    long window(int z, int r) {
        if (2 * r + 1 >= m) {
            return -1L;
        }
        int lo = z - r;
        int hi = z + r;
        if (lo < 0) {
            return bits(0, block(hi)) | bits(block(lo + m), 63);
        }
        if (hi >= m) {
            return bits(block(lo), 63) | bits(0, block(hi - m));
        }
        return bits(block(lo), block(hi));
    }

    /** Bits lo..hi inclusive. */
    private static long bits(int lo, int hi) {
        return (-1L >>> (63 - hi)) & (-1L << lo);
    }

    /** Particles in cell c. */
    int size(int c) {
        return cellStart[c + 1] - cellStart[c];
    }

    /** Cell index of a coordinate; a position outside [0, L) is wrapped first (never trust files). */
    private static int index(double v, double inv, double box, int m) {
        double w = v;
        if (!(w >= 0 && w < box)) {
            w -= box * Math.floor(w / box);
        }
        int i = (int) (w * inv);
        return i >= m ? m - 1 : i;
    }

    /**
     * Cell index along x of a coordinate in the window of {@code mx} cells from x0 (mod L). A
     * coordinate a rounding error below x0 goes to the first cell, not round the box to the last:
     * the linker's x stencil only looks forward, and the window does not wrap.
     */
    private static int windowIndex(double v, double x0, double inv, double box, int mx) {
        double w = v - x0;
        w -= box * Math.floor(w / box);
        double width = mx / inv;
        if (w > box - (box - width) / 2) {
            w -= box;
        }
        int i = (int) Math.floor(w * inv);
        return i < 0 ? 0 : Math.min(i, mx - 1);
    }

    /**
     * Stable counting sort of particle indices by slab; fills {@code slabStart} (length mx + 1) and
     * {@code slabPos}, the positions in the same order.
     */
    private int[] slabSort(int[] slab, float[] pos, int n, int[] slabStart, float[] slabPos, int threads) {
        int[][] hist = new int[RANGES][mx];
        Parallel.forEach(RANGES, threads, r -> {
            for (int q = lo(r, RANGES, n); q < lo(r + 1, RANGES, n); q++) {
                hist[r][slab[q]]++;
            }
        });
        int running = 0;
        for (int s = 0; s < mx; s++) {
            slabStart[s] = running;
            for (int r = 0; r < RANGES; r++) {
                int h = hist[r][s];
                hist[r][s] = running;
                running += h;
            }
        }
        slabStart[mx] = running;
        int[] out = new int[n];
        Parallel.forEach(RANGES, threads, r -> {
            int[] offset = hist[r];
            for (int q = lo(r, RANGES, n); q < lo(r + 1, RANGES, n); q++) {
                int i = offset[slab[q]]++;
                out[i] = q;
                slabPos[3 * i] = pos[3 * q];
                slabPos[3 * i + 1] = pos[3 * q + 1];
                slabPos[3 * i + 2] = pos[3 * q + 2];
            }
        });
        return out;
    }

    static int lo(int r, int ranges, int n) {
        return (int) ((long) n * r / ranges);
    }
}
