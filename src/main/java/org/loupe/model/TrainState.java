package org.loupe.model;

/**
 * Where training stands, saved in every checkpoint.
 *
 * @param step optimizer steps completed (global, across epochs)
 * @param epochLossSum sum of training losses in the current, unfinished epoch
 * @param learningRate current learning rate
 * @param epochGapSum sum of the critic's gaps in the current, unfinished epoch (0 without critic)
 */
public record TrainState(long step, double epochLossSum, double learningRate, double epochGapSum) {

    public TrainState(long step, double epochLossSum, double learningRate) {
        this(step, epochLossSum, learningRate, 0);
    }
}
