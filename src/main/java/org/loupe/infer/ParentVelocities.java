package org.loupe.infer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The velocity fallback of a model that predicts displacements only: every HR particle moves with
 * its parent, the LR particle whose lattice cell holds its site (s³ children per parent). Unlike
 * a trilinear interpolation of the LR velocity field, which averages neighbouring LR particles and
 * so removes much of the velocity dispersion of haloes (the fingers of God of redshift space), it
 * keeps the LR box's dispersion: the SR box is then no worse in redshift space than LR is.
 * Read through the tile pipeline as a {@link Upscaler.Network} on the LR crop, so tiles, seams and
 * {@code --parts} behave as for the model.
 */
final class ParentVelocities implements Upscaler.Network {

    private final int scale;
    private final int haloCells;

    ParentVelocities(int scale, int haloCells) {
        this.scale = scale;
        this.haloCells = haloCells;
    }

    @Override
    public INDArray predict(INDArray lr, INDArray tri) {
        int batch = (int) lr.size(0);
        int channels = (int) tri.size(1);
        int in = (int) lr.size(2);
        int o = (int) tri.size(2);
        // Output site x is HR site s·anchor − trim + x (trim = (o − s·c)/2, c = in − 2p): LR cell p + ⌊(x − trim)/s⌋ of the crop.
        int trim = (o - scale * (in - 2 * haloCells)) / 2;
        float[] src = lr.dup('c').data().asFloat();
        float[] out = new float[batch * channels * o * o * o];
        int inChannels = (int) lr.size(1);
        for (int e = 0; e < batch; e++) {
            for (int c = 0; c < channels; c++) {
                int from = (e * inChannels + c) * in * in * in;
                int to = (e * channels + c) * o * o * o;
                for (int x = 0; x < o; x++) {
                    int i = haloCells + Math.floorDiv(x - trim, scale);
                    for (int y = 0; y < o; y++) {
                        int j = haloCells + Math.floorDiv(y - trim, scale);
                        for (int z = 0; z < o; z++) {
                            int k = haloCells + Math.floorDiv(z - trim, scale);
                            out[to + (x * o + y) * o + z] = src[from + (i * in + j) * in + k];
                        }
                    }
                }
            }
        }
        return Nd4j.create(out, new long[] {batch, channels, o, o, o}, 'c');
    }
}
