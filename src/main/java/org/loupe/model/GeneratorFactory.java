package org.loupe.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Upsampling3D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import org.loupe.model.loss.CompositeLoss;
import org.loupe.tiles.GeneratorGeometry;

/**
 * Builds the generator: inputs {@code lr} (C × (c+2p)³, the LR crop with its periodic halo) and
 * {@code tri} (C × o³, the trilinear upsampling of the LR field on the output's HR sites). Each
 * of the log2(s) blocks is nearest-neighbour Upsampling3D(2) and two valid 3×3×3 convolutions
 * with LeakyReLU(0.2); a 1×1×1 convolution maps to C channels; the sum with {@code tri} is the
 * output, so the network learns the correction to trilinear upsampling and the loss
 * D(output − target) sees the full field.
 *
 * <p>Native DL4J layers only (Upsampling3D + Convolution3D in a ComputationGraph, the fastest
 * path measured against PyTorch: docs/dl4j-notes.md, BENCHMARKS.md), no SameDiff layers (they
 * double gradients in M2.1).
 */
public final class GeneratorFactory {

    private GeneratorFactory() {
    }

    public static ComputationGraph build(GeneratorSpec g, GeneratorGeometry geo, TrainSpec t) {
        return build(g, geo, t, 0);
    }

    /**
     * As above; {@code cellsPerUnit} (HR lattice cells per unit of the normalised displacement)
     * places the particles for the CIC density term and must be positive when that term is on.
     */
    public static ComputationGraph build(GeneratorSpec g, GeneratorGeometry geo, TrainSpec t, double cellsPerUnit) {
        Convolution3D.DataFormat f = Convolution3D.DataFormat.NCDHW;
        int c = g.channels();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(t.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(t.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs("lr", "tri");
        String prev = "lr";
        long nIn = c + g.noiseChannels();
        for (int k = 0; k < geo.blocks(); k++) {
            b.addLayer("up" + k, new Upsampling3D.Builder(f, 2).build(), prev);
            b.addLayer("conv" + k + "a", conv(nIn, g.width(), 3, f, new ActivationLReLU(0.2)), "up" + k);
            if (g.residual()) {
                prev = residualTail(b, k, nIn, g.width(), f);
            } else {
                b.addLayer("conv" + k + "b", conv(g.width(), g.width(), 3, f, new ActivationLReLU(0.2)), "conv" + k + "a");
                prev = "conv" + k + "b";
            }
            nIn = g.width();
        }
        // Zero-initialised projection: an untrained generator outputs exactly the trilinear
        // baseline instead of baseline + noise, so training starts from the baseline's error.
        Convolution3D proj = conv(g.width(), c, 1, f, Activation.IDENTITY.getActivationFunction());
        proj.setWeightInitFn(new org.deeplearning4j.nn.weights.WeightInitConstant(0.0));
        b.addLayer("proj", proj, prev);
        b.addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "proj", "tri");
        Cnn3DLossLayer.Builder lossLayer = new Cnn3DLossLayer.Builder(f).activation(Activation.IDENTITY)
                .lossFunction(loss(t, geo.outputSide(), cellsPerUnit));
        b.addLayer("out", lossLayer.build(), "sum");
        b.setOutputs("out");
        int in = geo.inputSide();
        int out = geo.outputSide();
        b.setInputTypes(InputType.convolutional3D(f, in, in, in, c + g.noiseChannels()),
                InputType.convolutional3D(f, out, out, out, c));
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return graph;
    }

    /** D(output − target) for {@code t}: the sum of its loss terms ({@link CompositeLoss}). */
    public static CompositeLoss loss(TrainSpec t, int outputSide, double cellsPerUnit) {
        if (t.loss().paints() && !(cellsPerUnit > 0)) {
            throw new org.loupe.ConfigException("the density, spectral and adversarial loss terms need HR training pairs (the"
                    + " displacement scale in lattice cells)");
        }
        return new CompositeLoss(t.loss(), outputSide, cellsPerUnit);
    }

    /**
     * Puts the loss of {@code t} into a restored graph, so a resumed run follows the config's loss
     * settings (e.g. a critic switched on after supervised epochs trained with plain MSE).
     */
    public static void setLoss(ComputationGraph graph, TrainSpec t, int outputSide, double cellsPerUnit) {
        var layer = (Cnn3DLossLayer) graph.getLayer("out").conf().getLayer();
        layer.setLossFn(loss(t, outputSide, cellsPerUnit));
    }

    /**
     * The rest of residual block k (map2map's srsgan G): the second convolution, the upsampled
     * input cropped by the two valid convolutions' 2 sites per side and projected to the width
     * (1×1×1), their sum, then LeakyReLU. The skip lets each block learn a correction to its
     * upsampled input, which trains faster and deeper than the plain stack.
     */
    private static String residualTail(ComputationGraphConfiguration.GraphBuilder b, int k, long nIn, int width,
                                       Convolution3D.DataFormat f) {
        b.addLayer("conv" + k + "b", conv(width, width, 3, f, Activation.IDENTITY.getActivationFunction()), "conv" + k + "a");
        b.addLayer("crop" + k, new org.deeplearning4j.nn.conf.layers.convolutional.Cropping3D.Builder(2, 2, 2).build(), "up" + k);
        b.addLayer("skip" + k, conv(nIn, width, 1, f, Activation.IDENTITY.getActivationFunction()), "crop" + k);
        b.addVertex("res" + k, new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv" + k + "b", "skip" + k);
        b.addLayer("act" + k, new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(new ActivationLReLU(0.2)).build(), "res" + k);
        return "act" + k;
    }

    private static Convolution3D conv(long nIn, long nOut, int k, Convolution3D.DataFormat f,
                                      org.nd4j.linalg.activations.IActivation act) {
        return new Convolution3D.Builder().kernelSize(k, k, k).stride(1, 1, 1).padding(0, 0, 0).dataFormat(f)
                .nIn(nIn).nOut(nOut).activation(act).build();
    }
}
