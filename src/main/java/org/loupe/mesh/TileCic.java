package org.loupe.mesh;

/**
 * Cloud-in-cell density of the particles of one tile of the HR lattice, and its exact adjoint,
 * for the density term of the loss and the critic's density channel.
 *
 * <p>A tile holds o³ lattice sites; the particle of site q = (i, j, k) sits at q + s·ψ(q) in
 * lattice units, where ψ is the displacement in the caller's units and s converts them to cells.
 * Grid point (i, j, k) of the density is the site itself, so an undisplaced tile paints exactly
 * 1 per cell. The tile is not periodic: mass leaving the o³ box is dropped, which is the same for
 * a prediction and its target, so their difference stays meaningful.
 *
 * <p>Layout: site-major rows, as DL4J's 3-D loss layers hand them: the value of component a of
 * site r is {@code psi[(rowOffset + r) * stride + a]} with r = (i·o + j)·o + k.
 *
 * <p>The CIC weights are piecewise linear in the positions, so d(density)/d(position) is the
 * product of the other two axes' weights times ±1: the adjoint is exact wherever no particle sits
 * exactly on a grid plane (a set of measure zero).
 */
public final class TileCic {

    private TileCic() {
    }

    /** Paints the tile's o³ particles (mass 1 each) into {@code rho} (length o³, overwritten). */
    public static void paint(double[] psi, int rowOffset, int stride, int o, double cellsPerUnit, double[] rho) {
        paint(psi, rowOffset, stride, o, cellsPerUnit, 1, rho);
    }

    /**
     * As above on a mesh {@code fine} times finer than the lattice ((f·o)³ cells, grid point G at
     * G/f lattice units), each particle of mass f³ so that the mean stays 1: a mesh that resolves
     * the inside of a halo (a 50-particle FoF group is smaller than one lattice cell).
     */
    public static void paint(double[] psi, int rowOffset, int stride, int o, double cellsPerUnit, int fine, double[] rho) {
        int g = fine * o;
        java.util.Arrays.fill(rho, 0, g * g * g, 0);
        double mass = (double) fine * fine * fine;
        int[] lo = new int[3];
        double[] w1 = new double[3];
        for (int r = 0; r < o * o * o; r++) {
            locate(psi, rowOffset, stride, o, cellsPerUnit, fine, r, lo, w1);
            for (int c = 0; c < 8; c++) {
                int x = lo[0] + (c >> 2);
                int y = lo[1] + ((c >> 1) & 1);
                int z = lo[2] + (c & 1);
                if (x < 0 || y < 0 || z < 0 || x >= g || y >= g || z >= g) {
                    continue;
                }
                double w = ((c >> 2) == 1 ? w1[0] : 1 - w1[0]) * (((c >> 1) & 1) == 1 ? w1[1] : 1 - w1[1])
                        * ((c & 1) == 1 ? w1[2] : 1 - w1[2]);
                rho[(x * g + y) * g + z] += mass * w;
            }
        }
    }

    /**
     * Adds dL/dψ to {@code grad} (same layout as {@code psi}, components 0..2) given
     * {@code dLdRho}, the derivative of a loss by the painted density of each cell.
     */
    public static void adjoint(double[] psi, int rowOffset, int stride, int o, double cellsPerUnit, double[] dLdRho,
                               double[] grad) {
        adjoint(psi, rowOffset, stride, o, cellsPerUnit, 1, dLdRho, grad);
    }

    /** The adjoint of {@link #paint(double[], int, int, int, double, int, double[])} on the mesh {@code fine} times finer. */
    public static void adjoint(double[] psi, int rowOffset, int stride, int o, double cellsPerUnit, int fine, double[] dLdRho,
                               double[] grad) {
        int gs = fine * o;
        // d(position in fine cells)/dψ = fine · cellsPerUnit, times the particle mass fine³.
        double scale = cellsPerUnit * Math.pow(fine, 4);
        int[] lo = new int[3];
        double[] w1 = new double[3];
        for (int r = 0; r < o * o * o; r++) {
            locate(psi, rowOffset, stride, o, cellsPerUnit, fine, r, lo, w1);
            double gx = 0;
            double gy = 0;
            double gz = 0;
            for (int c = 0; c < 8; c++) {
                int bx = c >> 2;
                int by = (c >> 1) & 1;
                int bz = c & 1;
                int x = lo[0] + bx;
                int y = lo[1] + by;
                int z = lo[2] + bz;
                if (x < 0 || y < 0 || z < 0 || x >= gs || y >= gs || z >= gs) {
                    continue;
                }
                double g = dLdRho[(x * gs + y) * gs + z];
                double wx = bx == 1 ? w1[0] : 1 - w1[0];
                double wy = by == 1 ? w1[1] : 1 - w1[1];
                double wz = bz == 1 ? w1[2] : 1 - w1[2];
                // d(weight)/d(position) along an axis is +1 for the upper cell, −1 for the lower.
                gx += g * (bx == 1 ? 1 : -1) * wy * wz;
                gy += g * wx * (by == 1 ? 1 : -1) * wz;
                gz += g * wx * wy * (bz == 1 ? 1 : -1);
            }
            int base = (rowOffset + r) * stride;
            grad[base] += scale * gx;
            grad[base + 1] += scale * gy;
            grad[base + 2] += scale * gz;
        }
    }

    /** Lower grid corner and upper-cell weights of the particle of site r. */
    private static void locate(double[] psi, int rowOffset, int stride, int o, double cellsPerUnit, int fine, int r, int[] lo,
                               double[] w1) {
        int base = (rowOffset + r) * stride;
        for (int a = 0; a < 3; a++) {
            int q = a == 0 ? r / (o * o) : a == 1 ? (r / o) % o : r % o;   // site index along axis a
            double x = fine * (q + cellsPerUnit * psi[base + a]);
            double f = Math.floor(x);
            lo[a] = (int) f;
            w1[a] = x - f;
        }
    }
}
