package org.loupe.model.loss;

/** {@code l1}: λ × the mean over channels of |output − target| per HR site, as DL4J's LossL1. */
public final class AbsoluteError extends PerElementError {

    public AbsoluteError(double weight) {
        super(weight);
    }

    @Override
    public String name() {
        return "l1";
    }

    @Override
    double value(double e) {
        return Math.abs(e);
    }

    @Override
    double derivative(double e) {
        return Math.signum(e);
    }
}
