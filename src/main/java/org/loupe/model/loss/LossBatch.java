package org.loupe.model.loss;

import org.loupe.mesh.TileCic;

/**
 * The output and target of one loss evaluation as DL4J's CNN3D loss layer hands them over:
 * flat [rows × C] arrays, rows in NDHWC order (tile-major, then x, y, z), C channels per row, with
 * the tile side restored. The CIC densities of output and target tiles are painted once, on
 * first use, and shared by every term that needs them.
 *
 * @param output the generator's output (normalised units)
 * @param target the HR target
 * @param channels C
 * @param side the output tile side o
 * @param cellsPerUnit HR lattice cells per unit of the normalised displacement (0 = unknown, no painting)
 */
public record LossBatch(double[] output, double[] target, int channels, int side, double cellsPerUnit,
                        double[][][] painted) {

    public LossBatch(double[] output, double[] target, int channels, int side, double cellsPerUnit) {
        this(output, target, channels, side, cellsPerUnit, new double[2][][]);
    }

    public int rows() {
        return output.length / channels;
    }

    /** HR sites per tile, o³. */
    public int cells() {
        return side * side * side;
    }

    /** Whole tiles in the batch. */
    public int tiles() {
        return rows() / cells();
    }

    /** output − target, element by element. */
    public double error(int i) {
        return output[i] - target[i];
    }

    /** CIC density (mean 1) the output's particles make in tile {@code t}, on the tile's own grid. */
    public double[] outputDensity(int t) {
        return density(0, output, t);
    }

    /** As {@link #outputDensity} for the target. */
    public double[] targetDensity(int t) {
        return density(1, target, t);
    }

    private double[] density(int which, double[] field, int t) {
        if (!(cellsPerUnit > 0) || channels < 3) {
            throw new IllegalStateException("painting needs displacement channels and the lattice scale");
        }
        if (painted[which] == null) {
            painted[which] = new double[tiles()][];
        }
        if (painted[which][t] == null) {
            double[] rho = new double[cells()];
            TileCic.paint(field, t * cells(), channels, side, cellsPerUnit, rho);
            painted[which][t] = rho;
        }
        return painted[which][t];
    }

    /** Adds the gradient {@code dLdRho} of tile t's output density back onto the output's displacement rows. */
    public void densityAdjoint(int t, double[] dLdRho, double[] grad) {
        TileCic.adjoint(output, t * cells(), channels, side, cellsPerUnit, dLdRho, grad);
    }
}
