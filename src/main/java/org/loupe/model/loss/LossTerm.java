package org.loupe.model.loss;

/**
 * One term of the generator's loss D(output − target). A term adds its weighted score per row
 * (one HR site of one tile; DL4J sums rows per tile) and, when asked, its gradient with respect to
 * the output. Stateful terms (the critic) prepare before each optimizer step and forget after it.
 */
public interface LossTerm {

    /** The term's name in the config list ({@code mse}, {@code density}, ...). */
    String name();

    /** Its weight λ in the sum. */
    double weight();

    /**
     * Adds λ × this term's score per row to {@code score} and, when {@code grad} is not null, the
     * gradient of that score with respect to the output ([rows × C], NDHWC row order) to {@code grad}.
     */
    void accumulate(LossBatch batch, double[] score, double[] grad);
}
