package org.loupe.model.loss;

/**
 * The terms that compare output and target element by element: λ × the mean over channels of
 * d(output − target) per HR site, as DL4J's own per-element losses do.
 */
abstract class PerElementError implements LossTerm {

    private final double weight;

    PerElementError(double weight) {
        this.weight = weight;
    }

    @Override
    public final double weight() {
        return weight;
    }

    /** d(e). */
    abstract double value(double e);

    /** d'(e). */
    abstract double derivative(double e);

    @Override
    public final void accumulate(LossBatch b, double[] score, double[] grad) {
        int c = b.channels();
        for (int r = 0; r < b.rows(); r++) {
            double s = 0;
            for (int k = 0; k < c; k++) {
                double e = b.error(r * c + k);
                s += value(e);
                if (grad != null) {
                    grad[r * c + k] += weight * derivative(e) / c;
                }
            }
            score[r] += weight * s / c;
        }
    }
}
