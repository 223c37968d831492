package org.loupe.model;

import org.loupe.ConfigException;

/**
 * The learning-rate schedule of a {@code train.schedule:} section, as a factor of
 * {@code train.learningRate} that depends on the global step alone (so a resumed run follows the
 * same curve as an uninterrupted one).
 *
 * <ul>
 *   <li>{@code exponential}: {@code train.learningRateDecay}^epoch, the form of the first models;</li>
 *   <li>{@code cosine}: half a cosine from 1 at the end of the warm-up to {@code floor} at the last step;</li>
 *   <li>{@code constant}: 1 after the warm-up.</li>
 * </ul>
 * Every kind ramps linearly from 1/warmupSteps to 1 over the first {@code warmupSteps} steps and
 * never falls below {@code floor}: without a floor an exponential decay over 100 epochs ends near
 * 1e-10 × the rate and the run stops learning long before its budget is spent.
 *
 * @param kind exponential, cosine or constant
 * @param warmupSteps steps of the linear warm-up (0 = none)
 * @param floor the smallest factor, in [0, 1]
 */
public record ScheduleSpec(String kind, int warmupSteps, double floor) {

    public ScheduleSpec {
        if (kind == null) {
            kind = "exponential";
        }
        if (!java.util.List.of("exponential", "cosine", "constant").contains(kind)) {
            throw ConfigException.forKey("train.schedule.kind", "must be exponential, cosine or constant, got '" + kind + "'");
        }
        ConfigException.checkRange("train.schedule.warmupSteps", warmupSteps, 0, 100_000_000);
        if (!(floor >= 0 && floor <= 1)) {
            throw ConfigException.forKey("train.schedule.floor", "must be in [0, 1], got " + floor);
        }
    }

    /** Exponential per epoch (with the decay of train.learningRateDecay), no warm-up, floor 0.02. */
    public static ScheduleSpec defaults() {
        return new ScheduleSpec("exponential", 0, 0.02);
    }

    /**
     * The factor of the base rate at global step {@code step} (0-based) of {@code totalSteps},
     * with {@code stepsPerEpoch} and the per-epoch {@code decay} of the exponential kind.
     */
    public double factor(long step, long totalSteps, int stepsPerEpoch, double decay) {
        double f = switch (kind) {
            case "cosine" -> {
                long span = Math.max(1, totalSteps - warmupSteps);
                double t = Math.min(1.0, Math.max(0.0, (double) (step - warmupSteps) / span));
                yield floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t));
            }
            case "constant" -> 1.0;
            default -> Math.pow(decay, (double) (step / stepsPerEpoch));
        };
        f = Math.max(f, floor);
        if (step < warmupSteps) {
            f *= (step + 1.0) / warmupSteps;
        }
        return f;
    }
}
