package org.loupe.mesh;

import java.util.List;

import org.loupe.LoupeException;
import org.loupe.particles.Particles;

/**
 * Paints particle masses onto a periodic mesh with a {@link Window} (CONVENTIONS.md; weights as
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

    private MassAssignment() {
    }

    /**
     * Mass per cell (1e10 Msun/h) of {@code particles} painted with {@code window}; every particle
     * is first moved by {@code shiftMpcH} along all three axes (interlacing uses H/2).
     */
    public static float[] paintMass(Particles particles, int n, Window window, double shiftMpcH, int threads) {
        if (n < 1) {
            throw new LoupeException("grid size must be positive, got " + n);
        }
        long cells = (long) n * n * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new LoupeException("grid " + n + "^3 is larger than one Java array holds (at most 1290^3)");
        }
        float[] grid = new float[(int) cells];
        int count = particles.count();
        if (count == 0) {
            return grid;
        }
        double box = particles.box().sizeMpcH();
        double cellsPerMpc = n / box;
        float[] x = particles.positionsMpcH();
        int slabs = Math.max(1, n / SLAB_WIDTH);

        // Counting sort of particles by slab: order[start[s]..start[s+1]) are slab s's particles.
        int[] slabOf = new int[count];
        int[] start = new int[slabs + 1];
        for (int p = 0; p < count; p++) {
            double u = wrapped(x[3 * p] + shiftMpcH, box) * cellsPerMpc;
            int s = Math.min((int) u / SLAB_WIDTH, slabs - 1);
            slabOf[p] = s;
            start[s + 1]++;
        }
        for (int s = 0; s < slabs; s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[count];
        int[] fill = start.clone();
        for (int p = 0; p < count; p++) {
            order[fill[slabOf[p]]++] = p;
        }

        SlabPainter painter = new SlabPainter(particles, n, window, shiftMpcH, grid, order, start);
        if (slabs == 1) {
            painter.paintSlab(0);
            return grid;
        }
        for (List<Integer> phase : phases(slabs)) {
            Parallel.forEach(phase.size(), threads, t -> painter.paintSlab(phase.get(t)));
        }
        return grid;
    }

    /**
     * Density contrast δ = ρ/ρ̄ − 1 on an N³ mesh as a {@link Grid}.
     */
    public static Grid densityContrast(Particles particles, int n, Window window, double shiftMpcH, int threads,
                                       double redshift, List<SourceFile> sources) {
        float[] mass = paintMass(particles, n, window, shiftMpcH, threads);
        double mean = particles.totalMass() / ((double) n * n * n);
        if (!(mean > 0)) {
            throw new LoupeException("cannot form a density contrast: total particle mass is " + particles.totalMass());
        }
        double inv = 1.0 / mean;
        for (int c = 0; c < mass.length; c++) {
            mass[c] = (float) (mass[c] * inv - 1.0);
        }
        GridInfo info = new GridInfo(GridKind.DENSITY_CONTRAST, window, false, redshift, particles.count(), sources);
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

    static double wrapped(double x, double box) {
        double w = x - box * Math.floor(x / box);
        return w >= box ? 0.0 : w;
    }

    /** Paints the particles of one slab; instances are shared, all state per call is local. */
    private record SlabPainter(Particles particles, int n, Window window, double shiftMpcH, float[] grid,
                               int[] order, int[] start) {

        void paintSlab(int slab) {
            int support = window.support();
            double box = particles.box().sizeMpcH();
            double cellsPerMpc = n / box;
            float[] x = particles.positionsMpcH();
            double[] wx = new double[support];
            double[] wy = new double[support];
            double[] wz = new double[support];
            int[] ix = new int[support];
            int[] iy = new int[support];
            int[] iz = new int[support];
            for (int o = start[slab]; o < start[slab + 1]; o++) {
                int p = order[o];
                double m = particles.mass(p);
                int bx = window.weights(wrapped(x[3 * p] + shiftMpcH, box) * cellsPerMpc, wx);
                int by = window.weights(wrapped(x[3 * p + 1] + shiftMpcH, box) * cellsPerMpc, wy);
                int bz = window.weights(wrapped(x[3 * p + 2] + shiftMpcH, box) * cellsPerMpc, wz);
                for (int a = 0; a < support; a++) {
                    ix[a] = Math.floorMod(bx + a, n) * n * n;
                    iy[a] = Math.floorMod(by + a, n) * n;
                    iz[a] = Math.floorMod(bz + a, n);
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
    }
}
