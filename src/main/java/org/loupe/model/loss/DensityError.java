package org.loupe.model.loss;

/**
 * {@code density}: λ × (ρ_out − ρ_target)² per HR cell, the CIC densities the output's and the
 * target's particles make on the tile's own grid (one particle per cell on average), with the
 * exact adjoint of the painting as gradient: the density the SR particles actually make.
 */
public record DensityError(double weight) implements LossTerm {

    @Override
    public String name() {
        return "density";
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        int cells = b.cells();
        double[] dLdRho = new double[cells];
        for (int t = 0; t < b.tiles(); t++) {
            double[] a = b.outputDensity(t);
            double[] tg = b.targetDensity(t);
            for (int i = 0; i < cells; i++) {
                double d = a[i] - tg[i];
                score[t * cells + i] += weight * d * d;
                dLdRho[i] = 2 * weight * d;
            }
            if (grad != null) {
                b.densityAdjoint(t, dLdRho, grad);
            }
        }
    }
}
