package org.loupe.model;

import org.loupe.ConfigException;

/**
 * Training settings. {@link #of} gives the defaults of every optional key (the config loader
 * fills a {@code train:} section from it); {@code with…} changes one setting.
 *
 * @param epochs epochs to train (an epoch = {@code stepsPerEpoch} optimizer steps)
 * @param stepsPerEpoch optimizer steps per epoch
 * @param batch tiles per step
 * @param learningRate Adam learning rate at the start
 * @param learningRateDecay multiplicative decay per epoch (1 = constant)
 * @param loss D in D(output − target)
 * @param validationTiles fixed tiles from the validation pairs scored after every epoch
 * @param seed seed of weights, tile sampling and augmentation
 * @param eulerianWeight λ of the Eulerian term λ·(∇·(output − target))² added to the loss (0 = off; see {@link EulerianLoss})
 * @param densityWeight λ_ρ of the CIC density term λ_ρ·(ρ_out − ρ_target)² per HR cell (0 = off; see {@link EulerianLoss})
 * @param adversarial the conditional critic, or null for none
 * @param spectralWeight λ_P of the spectral term: mean over shells of (ln P_out − ln P_target)² of the tiles' CIC densities (0 = off)
 */
public record TrainSpec(int epochs, int stepsPerEpoch, int batch, double learningRate, double learningRateDecay,
                        LossKind loss, int validationTiles, long seed, double eulerianWeight, double densityWeight,
                        AdversarialSpec adversarial, double spectralWeight) {

    /** Keys of a {@code train:} section that have no default. */
    public static final java.util.List<String> REQUIRED = java.util.List.of("epochs", "stepsPerEpoch", "seed");

    public TrainSpec {
        ConfigException.checkRange("train.epochs", epochs, 1, 10_000_000);
        ConfigException.checkRange("train.stepsPerEpoch", stepsPerEpoch, 1, 10_000_000);
        ConfigException.checkRange("train.batch", batch, 1, 4096);
        ConfigException.checkRange("train.validationTiles", validationTiles, 1, 100_000);
        if (loss == null) {
            throw ConfigException.forKey("train.loss", "must be mse or l1");
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw ConfigException.forKey("train.learningRate", "must be in (0, 1), got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw ConfigException.forKey("train.learningRateDecay", "must be in (0, 1], got " + learningRateDecay);
        }
        nonNegative("train.eulerianWeight", eulerianWeight);
        nonNegative("train.densityWeight", densityWeight);
        nonNegative("train.spectralWeight", spectralWeight);
        if (adversarial != null && adversarial.pretrainEpochs() >= epochs && adversarial.enabled()) {
            throw ConfigException.forKey("train.adversarial.pretrainEpochs", "(" + adversarial.pretrainEpochs()
                    + ") leaves no epoch for the critic: it must be less than train.epochs (" + epochs + ")");
        }
    }

    /**
     * {@code epochs} × {@code stepsPerEpoch} steps with {@code seed} and the defaults: batch 1,
     * Adam 1e-3 without decay, MSE, 4 validation tiles, no extra loss terms, no critic.
     */
    public static TrainSpec of(int epochs, int stepsPerEpoch, long seed) {
        return new TrainSpec(epochs, stepsPerEpoch, 1, 1e-3, 1, LossKind.MSE, 4, seed, 0, 0, null, 0);
    }

    public TrainSpec withEpochs(int v) {
        return new TrainSpec(v, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withStepsPerEpoch(int v) {
        return new TrainSpec(epochs, v, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withBatch(int v) {
        return new TrainSpec(epochs, stepsPerEpoch, v, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withLearningRate(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, v, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withLearningRateDecay(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, v, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withLoss(LossKind v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, v, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withValidationTiles(int v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, v, seed,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withSeed(long v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, v,
                eulerianWeight, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withEulerianWeight(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                v, densityWeight, adversarial, spectralWeight);
    }

    public TrainSpec withDensityWeight(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, v, adversarial, spectralWeight);
    }

    public TrainSpec withAdversarial(AdversarialSpec v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, v, spectralWeight);
    }

    public TrainSpec withSpectralWeight(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed,
                eulerianWeight, densityWeight, adversarial, v);
    }

    /** True when the critic takes part. */
    public boolean adversarialEnabled() {
        return adversarial != null && adversarial.enabled();
    }

    /** True when the loss needs {@link EulerianLoss} rather than DL4J's MSE/L1. */
    public boolean customLoss() {
        return eulerianWeight > 0 || densityWeight > 0 || spectralWeight > 0 || adversarialEnabled();
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw ConfigException.forKey(key, "must be >= 0 and finite, got " + v);
        }
    }
}
