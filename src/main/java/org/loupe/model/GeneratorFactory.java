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

    /** Name of the initial-condition input (last of the graph's inputs when present). */
    public static final String IC_INPUT = "ics";
    /** Prefix of the convolutions at LR resolution. */
    private static final String LR_CONV = "lrconv";

    private GeneratorFactory() {
    }

    /** Convolutions at LR resolution in a built or restored generator. */
    public static int lrConvs(ComputationGraph graph) {
        int n = 0;
        while (graph.getConfiguration().getVertices().containsKey(LR_CONV + n)) {
            n++;
        }
        return n;
    }

    /** True when the generator takes the initial conditions' small-scale modes. */
    public static boolean takesIcModes(ComputationGraph graph) {
        return graph.getConfiguration().getNetworkInputs().contains(IC_INPUT);
    }

    /** True when the generator takes one noise input per upsampling block. */
    public static boolean takesBlockNoise(ComputationGraph graph) {
        return graph.getConfiguration().getNetworkInputs().contains("noise0");
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
        if (g.blockNoise()) {
            for (int k = 0; k < geo.blocks(); k++) {
                b.addInputs("noise" + k);
            }
        }
        if (g.icModes()) {
            b.addInputs(IC_INPUT);
        }
        String prev = "lr";
        long nIn = c + g.noiseChannels();
        int firstLrConv = 0;
        if (g.icModes()) {
            // The first LR convolution reads the LR field and the initial-condition modes: a
            // convolution of their concatenation is the sum of one convolution of each (DL4J
            // M2.1's MergeVertex takes no rank-5 arrays).
            b.addLayer(LR_CONV + "0lr", conv(nIn, g.width(), 3, f, Activation.IDENTITY.getActivationFunction()), "lr");
            b.addLayer(LR_CONV + "0ic", new Convolution3D.Builder().kernelSize(3, 3, 3).stride(1, 1, 1).padding(0, 0, 0)
                    .dataFormat(f).nIn(g.icChannels()).nOut(g.width()).hasBias(false).activation(Activation.IDENTITY).build(),
                    IC_INPUT);
            b.addVertex(LR_CONV + "0sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), LR_CONV + "0lr", LR_CONV + "0ic");
            b.addLayer(LR_CONV + "0", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                    .activation(new ActivationLReLU(0.2)).build(), LR_CONV + "0sum");
            prev = LR_CONV + "0";
            nIn = g.width();
            firstLrConv = 1;
        }
        // Context at LR resolution: each valid convolution widens what an HR site sees by ±1 LR cell.
        for (int k = firstLrConv; k < g.lrConvs(); k++) {
            b.addLayer(LR_CONV + k, conv(nIn, g.width(), 3, f, new ActivationLReLU(0.2)), prev);
            prev = LR_CONV + k;
            nIn = g.width();
        }
        for (int k = 0; k < geo.blocks(); k++) {
            b.addLayer("up" + k, new Upsampling3D.Builder(f, 2).build(), prev);
            b.addLayer("conv" + k + "a", conv(nIn, g.width(), 3, f, new ActivationLReLU(0.2)), "up" + k);
            if (!g.residual() && !g.blockNoise()) {
                b.addLayer("conv" + k + "b", conv(g.width(), g.width(), 3, f, new ActivationLReLU(0.2)), "conv" + k + "a");
                prev = "conv" + k + "b";
            } else {
                prev = blockTail(b, k, nIn, g, f);
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
        java.util.List<InputType> types = new java.util.ArrayList<>(java.util.List.of(
                InputType.convolutional3D(f, in, in, in, c + g.noiseChannels()), InputType.convolutional3D(f, out, out, out, c)));
        if (g.blockNoise()) {
            for (int k = 0; k < geo.blocks(); k++) {
                int side = geo.blockSide(k);
                types.add(InputType.convolutional3D(f, side, side, side, 1));
            }
        }
        if (g.icModes()) {
            types.add(InputType.convolutional3D(f, in, in, in, g.icChannels()));
        }
        b.setInputTypes(types.toArray(InputType[]::new));
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
     * The second convolution of block k summed, before its LeakyReLU, with what the spec adds:
     * for {@code residual} (map2map's srsgan G) the upsampled input cropped by the two valid
     * convolutions' 2 sites per side and projected to the width (1×1×1), so each block learns a
     * correction to its upsampled input; for {@code blockNoise} the block's noise input (one
     * channel) times a learned per-channel scale (a 1×1×1 convolution without bias, zero at the
     * start, so an untrained generator is deterministic).
     */
    private static String blockTail(ComputationGraphConfiguration.GraphBuilder b, int k, long nIn, GeneratorSpec g,
                                    Convolution3D.DataFormat f) {
        int width = g.width();
        b.addLayer("conv" + k + "b", conv(width, width, 3, f, Activation.IDENTITY.getActivationFunction()), "conv" + k + "a");
        java.util.List<String> sum = new java.util.ArrayList<>(java.util.List.of("conv" + k + "b"));
        if (g.residual()) {
            b.addLayer("crop" + k, new org.deeplearning4j.nn.conf.layers.convolutional.Cropping3D.Builder(2, 2, 2).build(), "up" + k);
            b.addLayer("skip" + k, conv(nIn, width, 1, f, Activation.IDENTITY.getActivationFunction()), "crop" + k);
            sum.add("skip" + k);
        }
        if (g.blockNoise()) {
            Convolution3D scale = new Convolution3D.Builder().kernelSize(1, 1, 1).stride(1, 1, 1).padding(0, 0, 0).dataFormat(f)
                    .nIn(1).nOut(width).hasBias(false).activation(Activation.IDENTITY).build();
            scale.setWeightInitFn(new org.deeplearning4j.nn.weights.WeightInitConstant(0.0));
            b.addLayer("noiseScale" + k, scale, "noise" + k);
            sum.add("noiseScale" + k);
        }
        b.addVertex("sum" + k, new ElementWiseVertex(ElementWiseVertex.Op.Add), sum.toArray(String[]::new));
        b.addLayer("act" + k, new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(new ActivationLReLU(0.2)).build(), "sum" + k);
        return "act" + k;
    }

    private static Convolution3D conv(long nIn, long nOut, int k, Convolution3D.DataFormat f,
                                      org.nd4j.linalg.activations.IActivation act) {
        return new Convolution3D.Builder().kernelSize(k, k, k).stride(1, 1, 1).padding(0, 0, 0).dataFormat(f)
                .nIn(nIn).nOut(nOut).activation(act).build();
    }
}
