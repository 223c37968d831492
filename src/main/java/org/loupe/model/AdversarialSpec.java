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
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw ConfigException.forKey("train.adversarial.weight", "must be >= 0 and finite, got " + weight);
        }
        ConfigException.checkRange("train.adversarial.pretrainEpochs", pretrainEpochs, 0, 1_000_000);
        ConfigException.checkRange("train.adversarial.width", width, 1, 512);
        ConfigException.checkRange("train.adversarial.criticSteps", criticSteps, 1, 100);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw ConfigException.forKey("train.adversarial.learningRate", "must be in (0, 1), got " + learningRate);
        }
        if (!(clip > 0) || Double.isInfinite(clip)) {
            throw ConfigException.forKey("train.adversarial.clip", "must be > 0 and finite, got " + clip);
        }
    }

    /** Off (weight 0); width 8, RMSProp 5e-5, clip 0.01, one critic step: the defaults of the section. */
    public static AdversarialSpec defaults() {
        return new AdversarialSpec(0, 0, 8, 5e-5, 0.01, 1);
    }

    public AdversarialSpec withWeight(double w) {
        return new AdversarialSpec(w, pretrainEpochs, width, learningRate, clip, criticSteps);
    }

    public AdversarialSpec withPretrainEpochs(int e) {
        return new AdversarialSpec(weight, e, width, learningRate, clip, criticSteps);
    }

    public AdversarialSpec withWidth(int w) {
        return new AdversarialSpec(weight, pretrainEpochs, w, learningRate, clip, criticSteps);
    }

    public AdversarialSpec withLearningRate(double lr) {
        return new AdversarialSpec(weight, pretrainEpochs, width, lr, clip, criticSteps);
    }

    public AdversarialSpec withClip(double c) {
        return new AdversarialSpec(weight, pretrainEpochs, width, learningRate, c, criticSteps);
    }

    public AdversarialSpec withCriticSteps(int n) {
        return new AdversarialSpec(weight, pretrainEpochs, width, learningRate, clip, n);
    }

    /** True when the critic takes part in training. */
    public boolean enabled() {
        return weight > 0;
    }
}
