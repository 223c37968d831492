package org.loupe.tiles;

import org.loupe.ConfigException;

/**
 * Size arithmetic of the generator (valid, unpadded convolutions as in map2map's srsgan): L
 * convolutions at LR resolution take 2 cells each (m → m − 2L), then each of the log2(s) blocks
 * upsamples ×2 (nearest) and applies two 3×3×3 valid convolutions, so a side of m cells becomes
 * 2m − 4. An LR crop of c cells with a periodic halo of p cells on each side (input side c + 2p)
 * gives an output side s(c + 2p − 2L) − 4(s − 1), which must cover the HR crop s·c; the surplus
 * 2s(p − L) − 4(s − 1) is cut equally from both sides.
 *
 * @param scale s = 2, 4 or 8
 * @param cropCells c, LR cells per side of the crop the loss sees
 * @param haloCells p, periodic halo per side
 * @param lrConvs L, convolutions at LR resolution before the first upsampling
 */
public record GeneratorGeometry(int scale, int cropCells, int haloCells, int lrConvs) {

    /** Without convolutions at LR resolution. */
    public GeneratorGeometry(int scale, int cropCells, int haloCells) {
        this(scale, cropCells, haloCells, 0);
    }

    public GeneratorGeometry {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new ConfigException("scale must be 2, 4 or 8, got " + scale);
        }
        if (cropCells < 1) {
            throw new ConfigException("crop must be at least one LR cell, got " + cropCells);
        }
        if (lrConvs < 0) {
            throw new ConfigException("LR convolutions must be 0 or more, got " + lrConvs);
        }
        int surplus = 2 * scale * (haloCells - lrConvs) - 4 * (scale - 1);
        if (surplus < 0) {
            int need = lrConvs + (int) Math.ceil(4.0 * (scale - 1) / (2.0 * scale));
            throw new ConfigException("halo of " + haloCells + " LR cells is too small for scale " + scale
                    + (lrConvs > 0 ? " and " + lrConvs + " LR convolutions" : "") + ": the valid convolutions eat "
                    + (4 * (scale - 1) + 2 * scale * lrConvs) + " HR cells, so use a halo of at least " + need);
        }
    }

    /** Upsampling blocks, log2(s). */
    public int blocks() {
        return Integer.numberOfTrailingZeros(scale);
    }

    /** LR input side c + 2p. */
    public int inputSide() {
        return cropCells + 2 * haloCells;
    }

    /** Side after the LR convolutions, c + 2p − 2L: what the first block upsamples. */
    public int contextSide() {
        return inputSide() - 2 * lrConvs;
    }

    /** Network output side: apply m → 2m − 4 per block. */
    public int outputSide() {
        int m = contextSide();
        for (int b = 0; b < blocks(); b++) {
            m = 2 * m - 4;
        }
        return m;
    }

    /** Side of block k's output (after its second convolution): m → 2m − 4 applied k + 1 times. */
    public int blockSide(int block) {
        int m = contextSide();
        for (int b = 0; b <= block; b++) {
            m = 2 * m - 4;
        }
        return m;
    }

    /** Channels of an initial-condition input at LR resolution: 3 components × s³ HR sites per LR cell. */
    public int icChannels() {
        return 3 * scale * scale * scale;
    }

    /** HR crop side s·c. */
    public int targetSide() {
        return scale * cropCells;
    }

    /** HR cells cut from each side of the output to reach the target side. */
    public int outputTrim() {
        return (outputSide() - targetSide()) / 2;
    }
}
