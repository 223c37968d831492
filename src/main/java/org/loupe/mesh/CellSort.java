package org.loupe.mesh;

import org.loupe.Parallel;
import org.loupe.particles.Particles;

/**
 * Stable counting sort of a block of particles into (x-slab, y-block) buckets of {@code width}
 * cells, producing their coordinates in cell units (shifted and wrapped into [0, N)) in bucket
 * order.
 *
 * <p>Why: painting particles in file order scatters writes over the whole mesh, and the run time
 * is then memory latency (BENCHMARKS.md). In bucket order consecutive
 * particles write into the same few kilobytes of the mesh and read their coordinates
 * sequentially. The sort is stable, so the order inside a bucket (and hence every sum) is fixed by
 * the data alone; it runs in parallel over fixed particle ranges, each scattering from its own
 * prefix offsets, which gives the same stable order for any thread count.
 */
final class CellSort {

    /** Particle ranges sorted concurrently (fixed, so nothing depends on the thread count). */
    private static final int RANGES = 8;

    final int slabs;
    final int yBlocks;
    /** Start of bucket b = slab·yBlocks + yBlock in the sorted arrays; length buckets + 1. */
    final int[] start;
    final float[] u;
    final float[] v;
    final float[] w;
    /** Masses in bucket order, or null when all particles weigh the same. */
    final float[] mass;

    private final Particles particles;
    private final int first;
    private final int n;
    private final int width;
    private final double shiftMpcH;
    private final double box;
    private final double cellsPerMpc;

    CellSort(Particles particles, int first, int count, int n, int width, double shiftMpcH, int threads) {
        this.particles = particles;
        this.first = first;
        this.n = n;
        this.width = width;
        this.shiftMpcH = shiftMpcH;
        this.box = particles.box().sizeMpcH();
        this.cellsPerMpc = n / box;
        slabs = Math.max(1, n / width);
        yBlocks = Math.max(1, n / width);
        int buckets = slabs * yBlocks;
        int[] key = new int[count];
        int[][] hist = new int[RANGES][buckets];
        Parallel.forEach(RANGES, threads, r -> {
            int[] h = hist[r];
            for (int q = lo(r, count); q < lo(r + 1, count); q++) {
                int k = key(first + q);
                key[q] = k;
                h[k]++;
            }
        });
        start = new int[buckets + 1];
        int[][] offset = new int[RANGES][buckets];
        int running = 0;
        for (int k = 0; k < buckets; k++) {
            start[k] = running;
            for (int r = 0; r < RANGES; r++) {
                offset[r][k] = running;
                running += hist[r][k];
            }
        }
        start[buckets] = running;
        u = new float[count];
        v = new float[count];
        w = new float[count];
        mass = particles.equalMasses() ? null : new float[count];
        float[] x = particles.positionsMpcH();
        Parallel.forEach(RANGES, threads, r -> {
            int[] off = offset[r];
            for (int q = lo(r, count); q < lo(r + 1, count); q++) {
                int p = first + q;
                int dst = off[key[q]]++;
                u[dst] = cellUnits(x[3 * p]);
                v[dst] = cellUnits(x[3 * p + 1]);
                w[dst] = cellUnits(x[3 * p + 2]);
                if (mass != null) {
                    mass[dst] = particles.masses()[p];
                }
            }
        });
    }

    private static int lo(int range, int count) {
        return (int) ((long) count * range / RANGES);
    }

    private int key(int p) {
        float[] x = particles.positionsMpcH();
        int s = Math.min((int) cellUnits(x[3 * p]) / width, slabs - 1);
        int yb = Math.min((int) cellUnits(x[3 * p + 1]) / width, yBlocks - 1);
        return s * yBlocks + yb;
    }

    /** Position (shifted) in cell units, wrapped into [0, N). */
    private float cellUnits(float xMpc) {
        double s = xMpc + shiftMpcH;
        if (s < 0 || s >= box) {
            s -= box * Math.floor(s / box);
        }
        float c = (float) (s * cellsPerMpc);
        return c >= n || c < 0 ? 0f : c;
    }
}
