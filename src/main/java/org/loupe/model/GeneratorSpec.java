package org.loupe.model;

import org.loupe.ConfigException;

/**
 * The generator's shape.
 *
 * @param scale s = 2, 4 or 8 (log2 s upsampling blocks)
 * @param width convolution channels per layer (default 32)
 * @param velocity whether the 3 velocity channels are fed and predicted besides displacement
 * @param noiseChannels unit Gaussian noise channels fed next to the LR field (0 = deterministic)
 */
public record GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels) {

    /** A deterministic generator (no noise input). */
    public GeneratorSpec(int scale, int width, boolean velocity) {
        this(scale, width, velocity, 0);
    }

    public GeneratorSpec {
        if (scale == 0) {
            scale = 2;
        }
        if (width == 0) {
            width = 32;
        }
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new ConfigException("generator.scale must be 2, 4 or 8, got " + scale);
        }
        if (noiseChannels < 0 || noiseChannels > 16) {
            throw new ConfigException("generator.noiseChannels must be 0 to 16, got " + noiseChannels);
        }
        if (width < 1 || width > 512) {
            throw new ConfigException("generator.width must be 1 to 512 channels, got " + width);
        }
    }

    public int channels() {
        return velocity ? 6 : 3;
    }
}
