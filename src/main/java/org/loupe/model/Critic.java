package org.loupe.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import org.loupe.mesh.TileCic;

/**
 * The conditional Wasserstein critic of {@link AdversarialSpec}, and the two things training
 * asks of it: a critic update on a batch of HR (real) and generated (fake) tiles, and the
 * gradient of its score with respect to a generated tile.
 *
 * <p>Input, per tile: the C field channels, the CIC density contrast ρ − 1 of the field's
 * particles ({@link TileCic}, so the critic judges the density the particles make, not only their
 * displacements) and the C channels of the LR condition (the trilinear baseline on the same HR
 * sites): 2C + 1 channels on the o³ output sites. The channels are stacked here, outside the
 * network, because DL4J M2.1's MergeVertex has no backward pass for 5-D arrays; with a single
 * input a MultiLayerNetwork also gives the input gradient the generator step needs
 * ({@code calculateGradients}), which ComputationGraph does not offer in M2.1.
 *
 * <p>Layers: 3³ conv (LReLU 0.2), 3³ conv stride 2 (2w channels), 3³ conv, global average
 * pooling, dense score. Trained with RMSProp; after each update the weights are clipped to ±clip
 * or spectrally normalised ({@link AdversarialSpec#lipschitz}); the objective is Wasserstein or hinge.
 */
public final class Critic {

    private final MultiLayerNetwork net;
    private final AdversarialSpec spec;
    private final int channels;
    private final int side;
    private final double cellsPerUnit;

    /** A fresh critic for C-channel tiles of side {@code side}. */
    public Critic(AdversarialSpec spec, int channels, int side, double cellsPerUnit, long seed) {
        this(build(spec, channels, side, seed), spec, channels, side, cellsPerUnit);
    }

    /** Wraps a restored network. */
    public Critic(MultiLayerNetwork net, AdversarialSpec spec, int channels, int side, double cellsPerUnit) {
        this.net = net;
        this.spec = spec;
        this.channels = channels;
        this.side = side;
        this.cellsPerUnit = cellsPerUnit;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    static MultiLayerNetwork build(AdversarialSpec s, int channels, int side, long seed) {
        if (side < 9) {
            // 3³ conv, 3³ conv stride 2, 3³ conv: the output tile must be at least 9 sites wide.
            throw new org.loupe.ConfigException("the critic needs output tiles of at least 9 HR sites per side, these have "
                    + side + "; raise tiles.cropCells");
        }
        Convolution3D.DataFormat f = Convolution3D.DataFormat.NCDHW;
        int w = s.width();
        int in = 2 * channels + 1;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed ^ 0x5DEECE66DL)
                .dataType(DataType.FLOAT)
                .updater(new RmsProp(s.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(conv(in, w, 1, f))
                .layer(conv(w, 2 * w, 2, f))
                .layer(conv(2 * w, 2 * w, 1, f))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.WASSERSTEIN).nIn(2 * w).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional3D(f, side, side, side, in))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        constrain(net, s);
        return net;
    }

    private static Convolution3D conv(int nIn, int nOut, int stride, Convolution3D.DataFormat f) {
        return new Convolution3D.Builder().kernelSize(3, 3, 3).stride(stride, stride, stride).padding(0, 0, 0)
                .dataFormat(f).nIn(nIn).nOut(nOut).activation(new ActivationLReLU(0.2)).build();
    }

    /**
     * The critic's inputs for one training step, stacked (and their densities painted) once:
     * {@code both} holds the N real then the N generated tiles, {@code fake} the generated field.
     */
    public record Batch(INDArray both, INDArray fake, int n) {
    }

    /** Stacks HR tiles {@code real} and generated tiles {@code fake} (both [N, C, o³]) with their condition {@code tri}. */
    public Batch batch(INDArray real, INDArray fake, INDArray tri) {
        return new Batch(Nd4j.concat(0, stack(real, tri), stack(fake, tri)), fake, (int) real.size(0));
    }

    /** As {@link #train(Batch)} on freshly stacked tiles. */
    public double train(INDArray real, INDArray fake, INDArray tri) {
        return train(batch(real, fake, tri));
    }

    /**
     * One critic update: labels −1 for real, +1 for fake, so the critic minimises
     * mean C(fake) − mean C(real). Returns that gap before the update (its negative
     * estimates the Wasserstein distance the critic currently sees): the critic scores HR tiles
     * high and generated ones low, so the generator, which minimises −C(fake), is pushed towards
     * what the critic calls real.
     */
    public double train(Batch b) {
        double gap;
        if (spec.hinge()) {
            // Hinge (Lim & Ye 2017): mean max(0, 1 − C(real)) + mean max(0, 1 + C(fake)), labels +1 real, −1 fake.
            INDArray scores = net.output(b.both(), false);
            long n = b.n();
            gap = scores.get(NDArrayIndex.interval(n, 2 * n)).meanNumber().doubleValue()
                    - scores.get(NDArrayIndex.interval(0, n)).meanNumber().doubleValue();
            INDArray labels = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, n, 1), Nd4j.ones(DataType.FLOAT, n, 1).negi());
            setLoss(new org.nd4j.linalg.lossfunctions.impl.LossHinge());
            try {
                net.fit(b.both(), labels);
            } finally {
                setLoss(new org.nd4j.linalg.lossfunctions.impl.LossWasserstein());
            }
        } else {
            INDArray labels = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, b.n(), 1).negi(), Nd4j.ones(DataType.FLOAT, b.n(), 1));
            net.fit(b.both(), labels);
            gap = 2 * net.score();
        }
        constrain(net, spec);
        return gap;
    }

    private void setLoss(org.nd4j.linalg.lossfunctions.ILossFunction loss) {
        var out = (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) net.getLayer(net.getnLayers() - 1).conf().getLayer();
        out.setLossFn(loss);
    }

    /** As {@link #scoreGradient(Batch)} for generated tiles alone. */
    public double[] scoreGradient(INDArray fake, INDArray tri) {
        return gradientOfStacked(stack(fake, tri), fake);
    }

    /** d(score)/d(fake) for the generated half of {@code b} (no re-stacking, no re-painting). */
    public double[] scoreGradient(Batch b) {
        long n = b.n();
        return gradientOfStacked(b.both().get(NDArrayIndex.interval(n, 2 * n)).dup(), b.fake());
    }

    /**
     * d(score)/d(fake) per example, NCDHW [N, C, o³] as doubles: the critic's input gradient on the
     * field channels plus the density channel's gradient carried back through the CIC painting.
     */
    private double[] gradientOfStacked(INDArray x, INDArray fake) {
        int n = (int) fake.size(0);
        INDArray labels = Nd4j.ones(DataType.FLOAT, n, 1);
        INDArray eps = net.calculateGradients(x, labels, null, null).getSecond();
        double[] e = eps.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] field = fake.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int cells = side * side * side;
        int in = 2 * channels + 1;
        double[] out = new double[n * channels * cells];
        double[] psi = new double[cells * channels];
        double[] dPsi = new double[cells * channels];
        double[] dRho = new double[cells];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(e, (b * in + c) * cells, out, (b * channels + c) * cells, cells);
            }
            toSiteMajor(field, b, psi);
            System.arraycopy(e, (b * in + channels) * cells, dRho, 0, cells);
            java.util.Arrays.fill(dPsi, 0);
            TileCic.adjoint(psi, 0, channels, side, cellsPerUnit, dRho, dPsi);
            for (int r = 0; r < cells; r++) {
                for (int c = 0; c < 3; c++) {
                    out[(b * channels + c) * cells + r] += dPsi[r * channels + c];
                }
            }
        }
        return out;
    }

    /** The critic's mean score of some tiles (high = judged real, an HR tile). */
    public double meanScore(INDArray field, INDArray tri) {
        return net.output(stack(field, tri), false).meanNumber().doubleValue();
    }

    /** [field, ρ − 1, condition] along channels. */
    private INDArray stack(INDArray field, INDArray tri) {
        int n = (int) field.size(0);
        int cells = side * side * side;
        double[] f = field.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        float[] rho = new float[n * cells];
        double[] psi = new double[cells * channels];
        double[] r = new double[cells];
        for (int b = 0; b < n; b++) {
            toSiteMajor(f, b, psi);
            TileCic.paint(psi, 0, channels, side, cellsPerUnit, r);
            for (int i = 0; i < cells; i++) {
                rho[b * cells + i] = (float) (r[i] - 1);
            }
        }
        INDArray density = Nd4j.create(rho, new long[] {n, 1, side, side, side}, 'c');
        return Nd4j.concat(1, field.castTo(DataType.FLOAT), density, tri.castTo(DataType.FLOAT));
    }

    /** Example b of an NCDHW array as site-major rows (C values per site). */
    private void toSiteMajor(double[] ncdhw, int b, double[] psi) {
        int cells = side * side * side;
        for (int c = 0; c < channels; c++) {
            int base = (b * channels + c) * cells;
            for (int r = 0; r < cells; r++) {
                psi[r * channels + c] = ncdhw[base + r];
            }
        }
    }

    /** The Lipschitz constraint after an update: clipping, or each weight matrix's spectral norm kept ≤ 1. */
    private static void constrain(MultiLayerNetwork net, AdversarialSpec s) {
        if (s.spectral()) {
            for (int l = 0; l < net.getnLayers(); l++) {
                INDArray w = net.getLayer(l).paramTable().get("W");
                if (w != null) {
                    SpectralNorm.limit(w);
                }
            }
        } else {
            clip(net, s.clip());
        }
    }

    private static void clip(MultiLayerNetwork net, double clip) {
        INDArray p = net.params();
        float[] v = p.toFloatVector();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(-clip, Math.min(clip, v[i]));
        }
        p.assign(Nd4j.create(v, p.shape(), p.ordering()));
    }

    /** Sets the critic's rate to its configured rate times {@code factor} (the generator's schedule). */
    public void setLearningRateFactor(double factor) {
        network().setLearningRate(spec.learningRate() * factor);
    }
}
