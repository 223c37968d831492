package org.loupe.model.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

import org.loupe.model.Critic;

/**
 * {@code adversarial}: −λ × the critic's score of the output, so the generator is pushed towards
 * what the critic calls an HR tile. The term owns the critic: before each generator step
 * ({@link #prepare}) it trains the critic on that step's HR and generated tiles and takes the
 * gradient of its score with respect to the generated tiles, which the loss then adds once.
 * The critic's score is not part of the reported loss (the critic gap is reported instead), so
 * train and validation losses stay the supervised terms and comparable across epochs.
 */
public final class Adversarial implements LossTerm {

    private final double weight;
    /** d(−λ·C)/d(output) in loss rows (NDHWC), for the step prepared; null otherwise. */
    private double[] prepared;

    public Adversarial(double weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return "adversarial";
    }

    @Override
    public double weight() {
        return weight;
    }

    /**
     * {@code criticSteps} critic updates on HR tiles {@code real} against generated tiles
     * {@code fake} (both [N, C, o, o, o]) with their condition {@code tri}, then the generator's
     * gradient for the next {@code fit}. Returns the critic's gap mean C(fake) − mean C(real)
     * before its last update (negative while it tells them apart).
     */
    public double prepare(Critic critic, INDArray real, INDArray fake, INDArray tri, int criticSteps) {
        Critic.Batch stacked = critic.batch(real, fake, tri);   // densities painted once per step
        double gap = 0;
        for (int k = 0; k < criticSteps; k++) {
            gap = critic.train(stacked);
        }
        double[] g = critic.scoreGradient(stacked);
        int n = (int) fake.size(0);
        int c = (int) fake.size(1);
        int cells = (int) (fake.size(2) * fake.size(3) * fake.size(4));
        // DL4J's loss is summed over the o³ sites of a tile, so a per-element −λ·C enters as −λ·o³.
        double w = -weight * cells;
        double[] rows = new double[n * cells * c];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                int src = (b * c + ch) * cells;
                for (int r = 0; r < cells; r++) {
                    rows[(b * cells + r) * c + ch] = w * g[src + r];
                }
            }
        }
        prepared = rows;
        return gap;
    }

    /** Drops a prepared gradient (after the step it was meant for). */
    public void forget() {
        prepared = null;
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        if (grad == null || prepared == null) {
            return;
        }
        if (prepared.length != grad.length) {
            throw new IllegalStateException("adversarial gradient has " + prepared.length + " values, loss " + grad.length);
        }
        for (int i = 0; i < grad.length; i++) {
            grad[i] += prepared[i];
        }
    }
}
