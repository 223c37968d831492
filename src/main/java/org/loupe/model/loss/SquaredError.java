package org.loupe.model.loss;

/** {@code mse}: λ × the mean over channels of (output − target)² per HR site, as DL4J's LossMSE. */
public final class SquaredError extends PerElementError {

    public SquaredError(double weight) {
        super(weight);
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    double value(double e) {
        return e * e;
    }

    @Override
    double derivative(double e) {
        return 2 * e;
    }
}
