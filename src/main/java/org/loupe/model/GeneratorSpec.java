package org.loupe.model;

import org.loupe.ConfigException;

/**
 * The generator's shape; {@link #defaults()} holds the defaults of a {@code generator:} section.
 *
 * @param scale s = 2, 4 or 8 (log2 s upsampling blocks)
 * @param width convolution channels per layer
 * @param velocity whether the 3 velocity channels are fed and predicted besides displacement
 * @param noiseChannels unit Gaussian noise channels fed next to the LR field (0 = deterministic)
 * @param residual residual blocks (upsample, two convolutions and a cropped, projected skip), as
 *        map2map's srsgan G; false = the plain stack of the first models
 * @param blockNoise unit Gaussian noise added in every block, scaled per channel by learned weights
 *        (zero at the start), as srsgan G; {@link org.loupe.tiles.BlockNoise} draws it
 */
public record GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels, boolean residual, boolean blockNoise) {

    /** The plain generator (the form of models before residual blocks). */
    public GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels) {
        this(scale, width, velocity, noiseChannels, false, false);
    }

    /** Without per-block noise. */
    public GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels, boolean residual) {
        this(scale, width, velocity, noiseChannels, residual, false);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public GeneratorSpec {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw ConfigException.forKey("generator.scale", "must be 2, 4 or 8, got " + scale);
        }
        ConfigException.checkRange("generator.width", width, 1, 512);
        ConfigException.checkRange("generator.noiseChannels", noiseChannels, 0, 16);
    }

    /** ×2, 32 channels, displacement only, deterministic. */
    public static GeneratorSpec defaults() {
        return new GeneratorSpec(2, 32, false, 0);
    }

    public GeneratorSpec withScale(int s) {
        return new GeneratorSpec(s, width, velocity, noiseChannels, residual, blockNoise);
    }

    public GeneratorSpec withWidth(int w) {
        return new GeneratorSpec(scale, w, velocity, noiseChannels, residual, blockNoise);
    }

    public GeneratorSpec withVelocity(boolean v) {
        return new GeneratorSpec(scale, width, v, noiseChannels, residual, blockNoise);
    }

    public GeneratorSpec withNoiseChannels(int n) {
        return new GeneratorSpec(scale, width, velocity, n, residual, blockNoise);
    }

    public GeneratorSpec withResidual(boolean r) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, r, blockNoise);
    }

    public GeneratorSpec withBlockNoise(boolean b) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, residual, b);
    }

    public int channels() {
        return velocity ? 6 : 3;
    }
}
