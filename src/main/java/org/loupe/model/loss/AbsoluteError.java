package org.loupe.model.loss;

/** {@code l1}: λ × the mean over channels of |output − target| per HR site, as DL4J's LossL1. */
public record AbsoluteError(double weight) implements LossTerm {

    @Override
    public String name() {
        return "l1";
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        int c = b.channels();
        for (int r = 0; r < b.rows(); r++) {
            double s = 0;
            for (int k = 0; k < c; k++) {
                double e = b.error(r * c + k);
                s += Math.abs(e);
                if (grad != null) {
                    grad[r * c + k] += weight * Math.signum(e) / c;
                }
            }
            score[r] += weight * s / c;
        }
    }
}
