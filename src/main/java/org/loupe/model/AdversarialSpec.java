package org.loupe.model;

import org.loupe.ConfigException;

/**
 * The optional conditional critic (config section {@code train.adversarial}).
 *
 * <p>A Wasserstein critic with weight clipping (Arjovsky et al. 2017): first order, because DL4J
 * has no gradients of gradients (no WGAN-GP). It sees the field (displacement, and velocity if
 * used), the CIC density the field's particles make, and the LR condition (the trilinear
 * baseline), and is trained to score HR tiles high and generated tiles low; the generator
 * subtracts {@code weight} × the critic's score of its output from D(output − target).
 *
 * @param weight weight of the adversarial term next to the per-element supervised loss (0 = off)
 * @param pretrainEpochs supervised-only epochs before the critic starts
 * @param width channels of the critic's convolutions
 * @param learningRate RMSProp learning rate of the critic
 * @param clip critic weights are clipped to [−clip, clip] after every critic step
 * @param criticSteps critic updates per generator update
 */
public record AdversarialSpec(double weight, int pretrainEpochs, int width, double learningRate, double clip,
                              int criticSteps) {

    public AdversarialSpec {
        if (width == 0) {
            width = 8;
        }
        if (learningRate == 0) {
            learningRate = 5e-5;
        }
        if (clip == 0) {
            clip = 0.01;
        }
        if (criticSteps == 0) {
            criticSteps = 1;
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new ConfigException("train.adversarial.weight must be >= 0, got " + weight);
        }
        if (pretrainEpochs < 0 || width < 1 || criticSteps < 1) {
            throw new ConfigException("train.adversarial: pretrainEpochs must be >= 0, width and criticSteps >= 1");
        }
        if (!(learningRate > 0 && learningRate < 1) || !(clip > 0)) {
            throw new ConfigException("train.adversarial: learningRate must be in (0, 1) and clip > 0");
        }
    }

    /** True when the critic takes part in training. */
    public boolean enabled() {
        return weight > 0;
    }
}
