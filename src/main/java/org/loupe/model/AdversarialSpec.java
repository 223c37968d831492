package org.loupe.model;

import java.util.List;

import org.loupe.ConfigException;

/**
 * The critic's settings (config section {@code train.adversarial}); its weight in the generator's
 * loss is the {@code adversarial} term's weight in {@code train.loss}.
 *
 * <p>A conditional critic trained without second derivatives (DL4J has no gradients of
 * gradients, so no WGAN-GP): its Lipschitz bound comes either from weight clipping (Arjovsky et
 * al. 2017) or from spectral normalisation (Miyato et al. 2018: after every update each weight
 * matrix is divided by its largest singular value, found by power iteration, when that exceeds 1),
 * and it is trained with either the Wasserstein objective or the hinge loss. It sees the field
 * (displacement, and velocity if used), the CIC density the field's particles make, and the LR
 * condition (the trilinear baseline).
 *
 * @param pretrainEpochs supervised-only epochs before the critic starts
 * @param width channels of the critic's convolutions
 * @param learningRate RMSProp learning rate of the critic
 * @param clip weights are clipped to [−clip, clip] after every critic step (lipschitz: clip)
 * @param criticSteps critic updates per generator update
 * @param lipschitz {@code clip} or {@code spectral}
 * @param objective {@code wasserstein} or {@code hinge}
 */
public record AdversarialSpec(int pretrainEpochs, int width, double learningRate, double clip, int criticSteps,
                              String lipschitz, String objective) {

    public AdversarialSpec {
        ConfigException.checkRange("train.adversarial.pretrainEpochs", pretrainEpochs, 0, 1_000_000);
        ConfigException.checkRange("train.adversarial.width", width, 1, 512);
        ConfigException.checkRange("train.adversarial.criticSteps", criticSteps, 1, 100);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw ConfigException.forKey("train.adversarial.learningRate", "must be in (0, 1), got " + learningRate);
        }
        if (!(clip > 0) || Double.isInfinite(clip)) {
            throw ConfigException.forKey("train.adversarial.clip", "must be > 0 and finite, got " + clip);
        }
        if (!List.of("clip", "spectral").contains(lipschitz)) {
            throw ConfigException.forKey("train.adversarial.lipschitz", "must be clip or spectral, got " + lipschitz);
        }
        if (!List.of("wasserstein", "hinge").contains(objective)) {
            throw ConfigException.forKey("train.adversarial.objective", "must be wasserstein or hinge, got " + objective);
        }
    }

    /** Width 8, RMSProp 5e-5, clip 0.01, one critic step, clipped Wasserstein critic: the defaults of the section. */
    public static AdversarialSpec defaults() {
        return new AdversarialSpec(0, 8, 5e-5, 0.01, 1, "clip", "wasserstein");
    }

    public AdversarialSpec withPretrainEpochs(int e) {
        return new AdversarialSpec(e, width, learningRate, clip, criticSteps, lipschitz, objective);
    }

    public AdversarialSpec withWidth(int w) {
        return new AdversarialSpec(pretrainEpochs, w, learningRate, clip, criticSteps, lipschitz, objective);
    }

    public AdversarialSpec withLearningRate(double lr) {
        return new AdversarialSpec(pretrainEpochs, width, lr, clip, criticSteps, lipschitz, objective);
    }

    public AdversarialSpec withClip(double c) {
        return new AdversarialSpec(pretrainEpochs, width, learningRate, c, criticSteps, lipschitz, objective);
    }

    public AdversarialSpec withCriticSteps(int n) {
        return new AdversarialSpec(pretrainEpochs, width, learningRate, clip, n, lipschitz, objective);
    }

    public AdversarialSpec withLipschitz(String l) {
        return new AdversarialSpec(pretrainEpochs, width, learningRate, clip, criticSteps, l, objective);
    }

    public AdversarialSpec withObjective(String o) {
        return new AdversarialSpec(pretrainEpochs, width, learningRate, clip, criticSteps, lipschitz, o);
    }

    /** True with spectral normalisation instead of clipping. */
    public boolean spectral() {
        return lipschitz.equals("spectral");
    }

    /** True with the hinge objective. */
    public boolean hinge() {
        return objective.equals("hinge");
    }
}
