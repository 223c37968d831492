package org.loupe.model.loss;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * D(output − target) = Σ λ_i · term_i, inside DL4J's CNN3D loss layer, which hands losses 2-D
 * arrays [N·D·H·W, C] (rows in NDHWC order); the tile side is stored to restore the geometry.
 * Sums run in double (they run over many voxels). Model files store the list in compact form
 * ({@link LossSpec#compact}) and rebuild the terms on load.
 */
public class CompositeLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Output tile side o. */
    @JsonProperty
    public int side;
    /** HR lattice cells per unit of the normalised displacement (for the terms that paint). */
    @JsonProperty
    public double cellsPerUnit;
    /** The terms, e.g. {@code mse:1,density:0.0035}. */
    @JsonProperty
    public String terms;
    @JsonIgnore
    private transient List<LossTerm> built;
    /**
     * The batch and per-row scores of the last gradient: DL4J asks a loss layer for the gradient
     * and then, in the same step, for the score of the same output; the terms that paint and
     * transform are run once for both.
     */
    @JsonIgnore
    private transient LossBatch lastBatch;
    @JsonIgnore
    private transient double[] lastScore;

    /** For Jackson (model files store the loss). */
    public CompositeLoss() {
    }

    public CompositeLoss(LossSpec spec, int side, double cellsPerUnit) {
        this.terms = spec.compact();
        this.side = side;
        this.cellsPerUnit = cellsPerUnit;
    }

    /** The terms as built for this loss (the same objects every call: stateful terms keep their state). */
    public List<LossTerm> terms() {
        if (built == null) {
            built = spec().create();
        }
        return built;
    }

    /** The configured list. */
    public LossSpec spec() {
        return LossSpec.fromCompact(terms);
    }

    /** The term of type {@code type}, or null. */
    public <T extends LossTerm> T term(Class<T> type) {
        return terms().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray s = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = s.sumNumber().doubleValue();
        return average ? score / s.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        LossBatch b = batch(labels, preOutput, activationFn);
        double[] score;
        if (lastBatch != null && java.util.Arrays.equals(lastBatch.output(), b.output())
                && java.util.Arrays.equals(lastBatch.target(), b.target())) {
            score = lastScore;
        } else {
            score = new double[b.rows()];
            for (LossTerm t : terms()) {
                t.accumulate(b, score, null);
            }
        }
        lastBatch = null;
        lastScore = null;
        return Nd4j.create(score, new long[] {b.rows(), 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        LossBatch b = batch(labels, preOutput, activationFn);
        double[] score = new double[b.rows()];
        double[] grad = new double[b.output().length];
        for (LossTerm t : terms()) {
            t.accumulate(b, score, grad);
        }
        lastBatch = b;
        lastScore = score;
        INDArray dLdOut = Nd4j.create(grad, new long[] {b.rows(), b.channels()}, 'c').castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        // One pass: every term paints and transforms once for both the score and the gradient.
        LossBatch b = batch(labels, preOutput, activationFn);
        double[] score = new double[b.rows()];
        double[] grad = new double[b.output().length];
        for (LossTerm t : terms()) {
            t.accumulate(b, score, grad);
        }
        double total = 0;
        for (double v : score) {
            total += v;
        }
        INDArray dLdOut = Nd4j.create(grad, new long[] {b.rows(), b.channels()}, 'c').castTo(preOutput.dataType());
        INDArray g = activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
        return new Pair<>(average ? total / b.rows() : total, g);
    }

    private LossBatch batch(INDArray labels, INDArray preOutput, IActivation activationFn) {
        double[] out = activationFn.getActivation(preOutput.dup(), false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] tgt = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return new LossBatch(out, tgt, (int) labels.size(1), side, cellsPerUnit);
    }

    @Override
    public String name() {
        return "CompositeLoss(" + terms + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeLoss l && l.getClass() == getClass() && l.side == side && l.cellsPerUnit == cellsPerUnit
                && java.util.Objects.equals(l.terms, terms);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(side, cellsPerUnit, terms);
    }
}
