package org.loupe.model;

import org.loupe.ConfigException;
import org.loupe.model.loss.LossSpec;

/**
 * Training settings. {@link #of} gives the defaults of every optional key (the config loader
 * fills a {@code train:} section from it); {@code with…} changes one setting.
 *
 * @param epochs epochs to train (an epoch = {@code stepsPerEpoch} optimizer steps)
 * @param stepsPerEpoch optimizer steps per epoch
 * @param batch tiles per step
 * @param learningRate Adam learning rate at the start
 * @param learningRateDecay multiplicative decay per epoch (1 = constant)
 * @param loss the terms of D(output − target) and their weights ({@link LossSpec})
 * @param validationTiles fixed tiles from the validation pairs scored after every epoch
 * @param seed seed of weights, tile sampling and augmentation
 * @param adversarial the critic's settings (used when the loss has an adversarial term), or null for the defaults
 * @param schedule the learning-rate schedule ({@link ScheduleSpec}), or null for the defaults
 * @param exportEvery write an upscalable model file every this many epochs (0 = only the final model)
 */
public record TrainSpec(int epochs, int stepsPerEpoch, int batch, double learningRate, double learningRateDecay,
                        LossSpec loss, int validationTiles, long seed, AdversarialSpec adversarial,
                        ScheduleSpec schedule, int exportEvery) {

    /** Keys of a {@code train:} section that have no default. */
    public static final java.util.List<String> REQUIRED = java.util.List.of("epochs", "stepsPerEpoch", "seed");

    /** Keys of the form before the loss became a list, and the form that replaces each. */
    public static final java.util.Map<String, String> MOVED = java.util.Map.of(
            "train.eulerianWeight", "train.loss: [{mse: 1}, {divergence: W}]",
            "train.densityWeight", "train.loss: [{mse: 1}, {density: W}]",
            "train.spectralWeight", "train.loss: [{mse: 1}, {spectral: W}]",
            "train.adversarial.weight", "train.loss: [{mse: 1}, {adversarial: W}] (the critic's other settings stay in train.adversarial)");

    public TrainSpec {
        ConfigException.checkRange("train.epochs", epochs, 1, 10_000_000);
        ConfigException.checkRange("train.stepsPerEpoch", stepsPerEpoch, 1, 10_000_000);
        ConfigException.checkRange("train.batch", batch, 1, 4096);
        ConfigException.checkRange("train.validationTiles", validationTiles, 1, 100_000);
        if (loss == null) {
            throw ConfigException.forKey("train.loss", "must be a list of terms, e.g. [{mse: 1}, {density: 0.0035}]");
        }
        if (adversarial == null) {
            adversarial = AdversarialSpec.defaults();
        }
        if (schedule == null) {
            schedule = ScheduleSpec.defaults();
        }
        ConfigException.checkRange("train.exportEvery", exportEvery, 0, 10_000_000);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw ConfigException.forKey("train.learningRate", "must be in (0, 1), got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw ConfigException.forKey("train.learningRateDecay", "must be in (0, 1], got " + learningRateDecay);
        }
        if (loss.has("adversarial") && adversarial.pretrainEpochs() >= epochs) {
            throw ConfigException.forKey("train.adversarial.pretrainEpochs", "(" + adversarial.pretrainEpochs()
                    + ") leaves no epoch for the critic: it must be less than train.epochs (" + epochs + ")");
        }
    }

    /**
     * {@code epochs} × {@code stepsPerEpoch} steps with {@code seed} and the defaults: batch 1,
     * Adam 1e-3 without decay, MSE alone, 4 validation tiles, the critic's default settings.
     */
    public static TrainSpec of(int epochs, int stepsPerEpoch, long seed) {
        return new TrainSpec(epochs, stepsPerEpoch, 1, 1e-3, 1, LossSpec.of("mse"), 4, seed, AdversarialSpec.defaults(),
                ScheduleSpec.defaults(), 1);
    }

    public TrainSpec withEpochs(int v) {
        return new TrainSpec(v, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withStepsPerEpoch(int v) {
        return new TrainSpec(epochs, v, batch, learningRate, learningRateDecay, loss, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withBatch(int v) {
        return new TrainSpec(epochs, stepsPerEpoch, v, learningRate, learningRateDecay, loss, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withLearningRate(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, v, learningRateDecay, loss, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withLearningRateDecay(double v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, v, loss, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withLoss(LossSpec v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, v, validationTiles, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withValidationTiles(int v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, v, seed, adversarial, schedule, exportEvery);
    }

    public TrainSpec withSeed(long v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, v, adversarial, schedule, exportEvery);
    }

    public TrainSpec withAdversarial(AdversarialSpec v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, v, schedule, exportEvery);
    }

    public TrainSpec withSchedule(ScheduleSpec v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, adversarial,
                v, exportEvery);
    }

    public TrainSpec withExportEvery(int v) {
        return new TrainSpec(epochs, stepsPerEpoch, batch, learningRate, learningRateDecay, loss, validationTiles, seed, adversarial,
                schedule, v);
    }

    /** The learning rate at global step {@code step} (0-based): the base rate times the schedule's factor. */
    public double learningRateAt(long step) {
        return learningRate * schedule.factor(step, (long) epochs * stepsPerEpoch, stepsPerEpoch, learningRateDecay);
    }

    /** The list with term {@code name} at weight {@code w} (0 removes it). */
    public TrainSpec withTerm(String name, double w) {
        return withLoss(loss.with(name, w));
    }

    /** True when the critic takes part. */
    public boolean adversarialEnabled() {
        return loss.has("adversarial");
    }
}
