/**
 * The generator's loss as a list of terms: each {@link org.loupe.model.loss.LossTerm} is one
 * class with its score, its gradient and its settings, named in {@link org.loupe.model.loss.LossTerms}
 * (the registry) and configured as {@code train.loss: [{mse: 1}, {density: 0.0035}, ...]};
 * {@link org.loupe.model.loss.CompositeLoss} sums them inside DL4J's loss layer.
 */
package org.loupe.model.loss;
