package org.loupe.mesh;

import org.loupe.Parallel;
import java.util.List;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * Paints particle masses onto a periodic mesh with a {@link Window} (docs/conventions.md; weights as
 * Pylians' MAS_library.MA).
 *
 * <p>Parallel and deterministic: particles are bucketed into fixed x-slabs of at least four cells
 * (the widest window), so a particle touches only its own slab and its two neighbours. Even slabs
 * are painted concurrently, then odd ones; the order of additions into every cell is therefore
 * fixed by the data, not by the thread count, and the grid is identical bit for bit for any
 * number of threads.
 */
public final class MassAssignment {

    /** Slab width in cells: at least the PCS support, so slabs two apart never touch the same cell. */
    private static final int SLAB_WIDTH = 4;

    /** Particles sorted and painted per block. */
    private static final int BLOCK = 1 << 22;

    private MassAssignment() {
    }

    /**
     * Mass per cell (1e10 Msun/h) of {@code particles} painted with {@code window}; every particle
     * is first moved by {@code shiftMpcH} along all three axes (interlacing uses H/2).
     */
    public static float[] paintMass(Particles particles, int n, Window window, double shiftMpcH, int threads) {
        return paint(ParticleStream.of(particles), n, window, shiftMpcH, threads).mass();
    }

    /**
     * A painted mesh and what went into it.
     *
     * @param mass mass per cell, 1e10 Msun/h
     * @param totalMass mass of all particles painted
     * @param count particles painted
     */
    public record Painted(float[] mass, double totalMass, long count) {
    }

    /**
     * Paints a stream of particles block by block as it is read: memory holds the mesh and one
     * block. Blocks of {@value #BLOCK} particles, as for particles in memory, so the mesh is the
     * same bit for bit whichever way the particles come.
     */
    public static Painted paint(ParticleStream particles, int n, Window window, double shiftMpcH, int threads) {
        if (n < 1) {
            throw new ConfigException("grid size must be positive, got " + n);
        }
        long cells = (long) n * n * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new ConfigException("grid " + n + "^3 is larger than one Java array holds (at most 1290^3)");
        }
        float[] grid = new float[(int) cells];
        double[] massSum = {0};
        long[] count = {0};
        double[] equalMass = {Double.NaN};
        // Blocks of a fixed size (not a function of the thread count) bound the sort's extra
        // memory to ~17 bytes per particle of one block and keep the summation order fixed.
        particles.forEachBlock(BLOCK, block -> {
            int m = block.count();
            CellSort sorted = new CellSort(block, 0, m, n, SLAB_WIDTH, shiftMpcH, threads);
            double mass = block.equalMasses() ? block.massPerParticle() : Double.NaN;
            if (block.equalMasses()) {
                equalMass[0] = mass;
            } else {
                for (float w : block.masses()) {
                    massSum[0] += w;
                }
            }
            count[0] += m;
            if (sorted.slabs == 1) {
                paintSlab(sorted, 0, grid, n, window, mass);
                return;
            }
            for (List<Integer> phase : phases(sorted.slabs)) {
                Parallel.forEach(phase.size(), threads, t -> paintSlab(sorted, phase.get(t), grid, n, window, mass));
            }
        });
        double total = Double.isNaN(equalMass[0]) ? massSum[0] : equalMass[0] * count[0];
        return new Painted(grid, total, count[0]);
    }

    /**
     * Density contrast δ = ρ/ρ̄ − 1 on an N³ mesh as a {@link Grid}.
     */
    public static Grid densityContrast(Particles particles, int n, Window window, double shiftMpcH, int threads,
                                       double redshift, List<SourceFile> sources) {
        return densityContrast(ParticleStream.of(particles), n, window, shiftMpcH, threads, redshift, sources);
    }

    /** δ of a stream of particles, painted while it is read. */
    public static Grid densityContrast(ParticleStream particles, int n, Window window, double shiftMpcH, int threads,
                                       double redshift, List<SourceFile> sources) {
        Painted painted = paint(particles, n, window, shiftMpcH, threads);
        float[] mass = painted.mass();
        double mean = painted.totalMass() / ((double) n * n * n);
        if (!(mean > 0)) {
            throw new FormatException("cannot form a density contrast: total particle mass is " + painted.totalMass());
        }
        double inv = 1.0 / mean;
        for (int c = 0; c < mass.length; c++) {
            mass[c] = (float) (mass[c] * inv - 1.0);
        }
        GridInfo info = new GridInfo(GridKind.DENSITY_CONTRAST, window, false, redshift, painted.count(), sources);
        return new Grid(n, 1, particles.box().sizeMpcH(), mass, info);
    }

    /** Even slabs, then odd; with an odd slab count the last slab (adjacent to slab 0) goes alone. */
    static List<List<Integer>> phases(int slabs) {
        List<Integer> even = new java.util.ArrayList<>();
        List<Integer> odd = new java.util.ArrayList<>();
        List<Integer> last = new java.util.ArrayList<>();
        for (int s = 0; s < slabs; s++) {
            if (slabs % 2 == 1 && s == slabs - 1) {
                last.add(s);
            } else if (s % 2 == 0) {
                even.add(s);
            } else {
                odd.add(s);
            }
        }
        return last.isEmpty() ? List.of(even, odd) : List.of(even, odd, last);
    }


    /** Paints the particles of one x-slab, bucket by bucket, into the shared grid. */
    private static void paintSlab(CellSort sorted, int slab, float[] grid, int n, Window window, double equalMass) {
        if (window == Window.CIC) {
            paintSlabCic(sorted, slab, grid, n, equalMass);
            return;
        }
        int support = window.support();
        double[] wx = new double[support];
        double[] wy = new double[support];
        double[] wz = new double[support];
        int[] ix = new int[support];
        int[] iy = new int[support];
        int[] iz = new int[support];
        int from = sorted.start[slab * sorted.yBlocks];
        int to = sorted.start[(slab + 1) * sorted.yBlocks];
        float[] u = sorted.u;
        float[] v = sorted.v;
        float[] w = sorted.w;
        for (int q = from; q < to; q++) {
            double m = sorted.mass == null ? equalMass : sorted.mass[q];
            int bx = window.weights(u[q], wx);
            int by = window.weights(v[q], wy);
            int bz = window.weights(w[q], wz);
            for (int a = 0; a < support; a++) {
                ix[a] = wrapIndex(bx + a, n) * n * n;
                iy[a] = wrapIndex(by + a, n) * n;
                iz[a] = wrapIndex(bz + a, n);
            }
            for (int a = 0; a < support; a++) {
                double ma = m * wx[a];
                for (int b = 0; b < support; b++) {
                    double mab = ma * wy[b];
                    int row = ix[a] + iy[b];
                    for (int c = 0; c < support; c++) {
                        grid[row + iz[c]] += (float) (mab * wz[c]);
                    }
                }
            }
        }
    }

    /**
     * CIC without weight arrays: the most used window, and the one whose generic loop overhead
     * is largest relative to its 8 writes. Same weights and summation order as the generic path.
     */
    private static void paintSlabCic(CellSort sorted, int slab, float[] grid, int n, double equalMass) {
        int from = sorted.start[slab * sorted.yBlocks];
        int to = sorted.start[(slab + 1) * sorted.yBlocks];
        float[] u = sorted.u;
        float[] v = sorted.v;
        float[] w = sorted.w;
        int nn = n * n;
        for (int q = from; q < to; q++) {
            double m = sorted.mass == null ? equalMass : sorted.mass[q];
            int i0 = (int) u[q];
            int j0 = (int) v[q];
            int k0 = (int) w[q];
            double dx = u[q] - i0;
            double dy = v[q] - j0;
            double dz = w[q] - k0;
            int i1 = i0 + 1 == n ? 0 : i0 + 1;
            int j1 = j0 + 1 == n ? 0 : j0 + 1;
            int k1 = k0 + 1 == n ? 0 : k0 + 1;
            double m0 = m * (1 - dx);
            double m1 = m * dx;
            int r00 = i0 * nn + j0 * n;
            int r01 = i0 * nn + j1 * n;
            int r10 = i1 * nn + j0 * n;
            int r11 = i1 * nn + j1 * n;
            double a = m0 * (1 - dy);
            double b = m0 * dy;
            double c = m1 * (1 - dy);
            double d = m1 * dy;
            grid[r00 + k0] += (float) (a * (1 - dz));
            grid[r00 + k1] += (float) (a * dz);
            grid[r01 + k0] += (float) (b * (1 - dz));
            grid[r01 + k1] += (float) (b * dz);
            grid[r10 + k0] += (float) (c * (1 - dz));
            grid[r10 + k1] += (float) (c * dz);
            grid[r11 + k0] += (float) (d * (1 - dz));
            grid[r11 + k1] += (float) (d * dz);
        }
    }

    /** i mod n, with the common in-range case first (cheaper than floorMod in the inner loop). */
    private static int wrapIndex(int i, int n) {
        return i >= 0 && i < n ? i : Math.floorMod(i, n);
    }
}
