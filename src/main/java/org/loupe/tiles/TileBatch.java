package org.loupe.tiles;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J adapter: stacks examples into NCDHW arrays for the generator's two inputs (LR crop,
 * trilinear baseline) and its label (HR target).
 */
public final class TileBatch {

    /** Where an example comes from: a pair, an LR anchor, a symmetry, and the seed of its noise channels. */
    public record Example(int pair, int[] anchor, Symmetry symmetry, long noiseSeed) {

        public Example(int pair, int[] anchor, Symmetry symmetry) {
            this(pair, anchor, symmetry, 0);
        }
    }

    private TileBatch() {
    }

    /**
     * Builds a training batch from {@code examples} drawn from {@code pairs}, with {@code noise}
     * fresh Gaussian channels appended to each LR input.
     */
    public static MultiDataSet assemble(List<PairFields> pairs, List<Example> examples, GeneratorGeometry geo, int channels,
                                        int noise) {
        return assemble(pairs, examples, geo, channels, noise, false);
    }

    /**
     * As above; with {@code blockNoise} the inputs also hold one noise array per upsampling block
     * ({@link BlockNoise}, from each example's noise seed), after the LR crop and the baseline.
     */
    public static MultiDataSet assemble(List<PairFields> pairs, List<Example> examples, GeneratorGeometry geo, int channels,
                                        int noise, boolean blockNoise) {
        return assemble(pairs, examples, geo, channels, noise, blockNoise, false);
    }

    /**
     * As above; with {@code icModes} the last input holds each example's initial-condition modes
     * ({@link TileExtractor#icInput}, from its pair's {@link PairFields#ics()}), read through the
     * example's symmetry like the fields.
     */
    public static MultiDataSet assemble(List<PairFields> pairs, List<Example> examples, GeneratorGeometry geo, int channels,
                                        int noise, boolean blockNoise, boolean icModes) {
        int n = examples.size();
        int in = geo.inputSide();
        int out = geo.outputSide();
        int inChannels = channels + noise;
        float[] lr = new float[n * inChannels * in * in * in];
        float[] tri = new float[n * channels * out * out * out];
        float[] target = new float[n * channels * out * out * out];
        int icChannels = icModes ? geo.icChannels() : 0;
        float[] ic = new float[n * icChannels * in * in * in];
        for (int e = 0; e < n; e++) {
            Example ex = examples.get(e);
            PairFields p = pairs.get(ex.pair());
            TileExtractor t = new TileExtractor(p.lr(), p.hr(), geo, channels, p.norm());
            float[] x = t.input(ex.anchor(), ex.symmetry());
            System.arraycopy(x, 0, lr, e * inChannels * in * in * in, x.length);
            if (noise > 0) {
                float[] z = NoiseField.tile(noise, in, ex.noiseSeed());
                System.arraycopy(z, 0, lr, e * inChannels * in * in * in + x.length, z.length);
            }
            copy(t.upsampled(ex.anchor(), ex.symmetry()), tri, e);
            copy(t.target(ex.anchor(), ex.symmetry()), target, e);
            if (icModes) {
                if (p.ics() == null) {
                    throw new IllegalStateException("pair " + p.id() + " has no initial-condition modes");
                }
                copy(t.icInput(p.ics(), ex.anchor(), ex.symmetry()), ic, e);
            }
        }
        INDArray lrA = Nd4j.create(lr, new long[] {n, inChannels, in, in, in}, 'c');
        INDArray triA = Nd4j.create(tri, new long[] {n, channels, out, out, out}, 'c');
        INDArray tgA = Nd4j.create(target, new long[] {n, channels, out, out, out}, 'c');
        int blocks = blockNoise ? geo.blocks() : 0;
        INDArray[] inputs = new INDArray[2 + blocks + (icModes ? 1 : 0)];
        inputs[0] = lrA;
        inputs[1] = triA;
        if (icModes) {
            inputs[2 + blocks] = Nd4j.create(ic, new long[] {n, icChannels, in, in, in}, 'c');
        }
        for (int k = 0; k < blocks; k++) {
            int side = geo.blockSide(k);
            float[] z = new float[n * side * side * side];
            for (int e = 0; e < n; e++) {
                Example ex = examples.get(e);
                float[] t = BlockNoise.tile(ex.noiseSeed(), k, ex.anchor(), geo.haloCells(), pairs.get(ex.pair()).lr().size(), side);
                System.arraycopy(t, 0, z, e * t.length, t.length);
            }
            inputs[2 + k] = Nd4j.create(z, new long[] {n, 1, side, side, side}, 'c');
        }
        return new MultiDataSet(inputs, new INDArray[] {tgA});
    }

    private static void copy(float[] src, float[] dst, int example) {
        System.arraycopy(src, 0, dst, example * src.length, src.length);
    }
}
