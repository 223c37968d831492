package org.loupe.mesh;

import org.loupe.Parallel;

/**
 * Interpolates a mesh field at particle positions with the CIC window (the transpose of CIC
 * painting, as a PM code needs so that a particle feels no force from itself).
 */
public final class Readout {

    private static final int RANGES = 16;

    private Readout() {
    }

    /**
     * {@code out[3p + component] = field(x_p)} for every particle, CIC-interpolated.
     *
     * @param field N³ values in C order
     * @param positionsMpcH interleaved xyz positions in [0, L)
     */
    public static void cic(float[] field, int n, double boxMpcH, float[] positionsMpcH, float[] out, int component,
                           int threads) {
        int count = positionsMpcH.length / 3;
        double cellsPerMpc = n / boxMpcH;
        int nn = n * n;
        Parallel.forEach(RANGES, threads, r -> {
            int lo = (int) ((long) count * r / RANGES);
            int hi = (int) ((long) count * (r + 1) / RANGES);
            for (int p = lo; p < hi; p++) {
                double u = positionsMpcH[3 * p] * cellsPerMpc;
                double v = positionsMpcH[3 * p + 1] * cellsPerMpc;
                double w = positionsMpcH[3 * p + 2] * cellsPerMpc;
                int i0 = Math.min((int) u, n - 1);
                int j0 = Math.min((int) v, n - 1);
                int k0 = Math.min((int) w, n - 1);
                double dx = u - i0;
                double dy = v - j0;
                double dz = w - k0;
                int i1 = i0 + 1 == n ? 0 : i0 + 1;
                int j1 = j0 + 1 == n ? 0 : j0 + 1;
                int k1 = k0 + 1 == n ? 0 : k0 + 1;
                int a0 = i0 * nn;
                int a1 = i1 * nn;
                int b0 = j0 * n;
                int b1 = j1 * n;
                double c00 = field[a0 + b0 + k0] * (1 - dz) + field[a0 + b0 + k1] * dz;
                double c01 = field[a0 + b1 + k0] * (1 - dz) + field[a0 + b1 + k1] * dz;
                double c10 = field[a1 + b0 + k0] * (1 - dz) + field[a1 + b0 + k1] * dz;
                double c11 = field[a1 + b1 + k0] * (1 - dz) + field[a1 + b1 + k1] * dz;
                double c0 = c00 * (1 - dy) + c01 * dy;
                double c1 = c10 * (1 - dy) + c11 * dy;
                out[3 * p + component] = (float) (c0 * (1 - dx) + c1 * dx);
            }
        });
    }
}
