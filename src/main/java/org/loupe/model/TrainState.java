package org.loupe.model;

/**
 * Where training stands, saved in every checkpoint.
 *
 * @param step optimizer steps completed (global, across epochs)
 * @param epochLossSum sum of training losses in the current, unfinished epoch
 * @param learningRate current learning rate
 */
public record TrainState(long step, double epochLossSum, double learningRate) {
}
