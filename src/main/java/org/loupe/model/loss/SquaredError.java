package org.loupe.model.loss;

/** {@code mse}: λ × the mean over channels of (output − target)² per HR site, as DL4J's LossMSE. */
public record SquaredError(double weight) implements LossTerm {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        int c = b.channels();
        for (int r = 0; r < b.rows(); r++) {
            double s = 0;
            for (int k = 0; k < c; k++) {
                double e = b.error(r * c + k);
                s += e * e;
                if (grad != null) {
                    grad[r * c + k] += weight * 2 * e / c;
                }
            }
            score[r] += weight * s / c;
        }
    }
}
