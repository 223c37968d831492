package org.loupe.model.loss;

import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.TileSpectrum;

/**
 * {@code spectral}: λ × the mean over shells of (ln P_out − ln P_target)² of the tiles' CIC
 * densities ({@link TileSpectrum}), spread evenly over the tile's rows so a tile sums to λ·o³·m,
 * on the footing of the per-element terms. It asks for the right amount of small-scale structure
 * rather than its conditional mean, which an MSE alone converges to.
 */
public final class SpectralError implements LossTerm {

    private final double weight;
    private TileSpectrum spectrum;

    public SpectralError(double weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return "spectral";
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        int cells = b.cells();
        if (spectrum == null) {
            spectrum = new TileSpectrum(b.side(), new JTransformsFft3d(1));
        }
        double[] dLdRho = new double[cells];
        for (int t = 0; t < b.tiles(); t++) {
            java.util.Arrays.fill(dLdRho, 0);
            double m = spectrum.mismatch(b.outputDensity(t), b.targetDensity(t), grad == null ? null : dLdRho, weight * cells);
            for (int i = 0; i < cells; i++) {
                score[t * cells + i] += weight * m;
            }
            if (grad != null) {
                b.densityAdjoint(t, dLdRho, grad);
            }
        }
    }
}
