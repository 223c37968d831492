package org.loupe.tiles;

import java.util.SplittableRandom;

/**
 * Unit Gaussian noise channels fed to a stochastic generator next to the LR field. At inference
 * the noise is drawn once for the whole LR box from a seed and every tile crops it with the same
 * periodic indexing as the field, so neighbouring tiles see the same noise where they overlap and
 * the stitched box has no noise seams. In training each example draws its own noise.
 */
public final class NoiseField {

    private final int n;
    private final int channels;
    private final float[] values;

    /** Box-wide noise: {@code channels} × N³ values from {@code seed}. */
    public NoiseField(int n, int channels, long seed) {
        this.n = n;
        this.channels = channels;
        this.values = gaussian(channels * n * n * n, seed);
    }

    /** The noise of an LR crop anchored at {@code anchor} with {@code halo}: channels × m³, m = side. */
    public float[] crop(int[] anchor, int halo, int side) {
        float[] out = new float[channels * side * side * side];
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < side; x++) {
                int i = Math.floorMod(anchor[0] - halo + x, n);
                for (int y = 0; y < side; y++) {
                    int j = Math.floorMod(anchor[1] - halo + y, n);
                    for (int z = 0; z < side; z++) {
                        int k = Math.floorMod(anchor[2] - halo + z, n);
                        out[((c * side + x) * side + y) * side + z] = values[((c * n + i) * n + j) * n + k];
                    }
                }
            }
        }
        return out;
    }

    /** Fresh noise for one training example. */
    public static float[] tile(int channels, int side, long seed) {
        return gaussian(channels * side * side * side, seed);
    }

    private static float[] gaussian(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
