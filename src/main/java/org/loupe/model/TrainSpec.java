package org.loupe.model;

import org.loupe.ConfigException;

/**
 * Training settings.
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

    /** Without the spectral term. */
    public TrainSpec(int epochs, int stepsPerEpoch, int batch, double learningRate, double learningRateDecay, LossKind loss,
                     int validationTiles, long seed, double eulerianWeight, double densityWeight, AdversarialSpec adversarial) {
        this(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, eulerianWeight,
                densityWeight, adversarial, 0);
    }

    /** Without the density term and the critic. */
    public TrainSpec(int epochs, int stepsPerEpoch, int batch, double learningRate, double learningRateDecay, LossKind loss,
                     int validationTiles, long seed, double eulerianWeight) {
        this(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, eulerianWeight, 0,
                null, 0);
    }

    /** Without the Eulerian term. */
    public TrainSpec(int epochs, int stepsPerEpoch, int batch, double learningRate, double learningRateDecay, LossKind loss,
                     int validationTiles, long seed) {
        this(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, 0);
    }

    public TrainSpec {
        if (batch == 0) {
            batch = 1;
        }
        if (learningRate == 0) {
            learningRate = 1e-3;
        }
        if (learningRateDecay == 0) {
            learningRateDecay = 1;
        }
        if (loss == null) {
            loss = LossKind.MSE;
        }
        if (validationTiles == 0) {
            validationTiles = 4;
        }
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new ConfigException("train.epochs and train.stepsPerEpoch must be at least 1");
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new ConfigException("train.learningRate must be in (0, 1), got " + learningRate);
        }
        if (!(eulerianWeight >= 0) || Double.isInfinite(eulerianWeight)) {
            throw new ConfigException("train.eulerianWeight must be >= 0, got " + eulerianWeight);
        }
        if (!(spectralWeight >= 0) || Double.isInfinite(spectralWeight)) {
            throw new ConfigException("train.spectralWeight must be >= 0, got " + spectralWeight);
        }
        if (!(densityWeight >= 0) || Double.isInfinite(densityWeight)) {
            throw new ConfigException("train.densityWeight must be >= 0, got " + densityWeight);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new ConfigException("train.learningRateDecay must be in (0, 1], got " + learningRateDecay);
        }
        if (adversarial != null && adversarial.pretrainEpochs() >= epochs && adversarial.enabled()) {
            throw new ConfigException("train.adversarial.pretrainEpochs (" + adversarial.pretrainEpochs()
                    + ") leaves no epoch for the critic; train.epochs is " + epochs);
        }
    }

    /** True when the critic takes part. */
    public boolean adversarialEnabled() {
        return adversarial != null && adversarial.enabled();
    }

    /** True when the loss needs {@link EulerianLoss} rather than DL4J's MSE/L1. */
    public boolean customLoss() {
        return eulerianWeight > 0 || densityWeight > 0 || spectralWeight > 0 || adversarialEnabled();
    }
}
