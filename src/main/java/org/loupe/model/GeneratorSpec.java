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
 * @param lrConvs 3×3×3 convolutions at LR resolution before the first upsampling (context: each
 *        widens what an HR site sees by ±1 LR cell; the halo must grow with them)
 * @param icModes feed the initial conditions' modes above the LR Nyquist frequency
 *        ({@link org.loupe.sim.SmallScaleModes}, 3·s³ channels at LR resolution): the pair's own in
 *        training, a seed's at upscaling, so every SR box is one realisation of the small scales
 */
public record GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels, boolean residual, boolean blockNoise,
                            int lrConvs, boolean icModes) {

    /** Without LR convolutions or initial-condition modes (the form of the first residual models). */
    public GeneratorSpec(int scale, int width, boolean velocity, int noiseChannels, boolean residual, boolean blockNoise) {
        this(scale, width, velocity, noiseChannels, residual, blockNoise, 0, false);
    }

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
        ConfigException.checkRange("generator.lrConvs", lrConvs, 0, 8);
        if (lrConvs > 0 && blockNoise) {
            throw ConfigException.forKey("generator.lrConvs", "works without generator.blockNoise only (the block noise is"
                    + " placed for generators without LR convolutions)");
        }
        if (icModes && lrConvs < 1) {
            throw ConfigException.forKey("generator.icModes", "needs generator.lrConvs of at least 1 (the initial-condition"
                    + " modes enter through the first convolution at LR resolution)");
        }
        if (icModes && blockNoise) {
            throw ConfigException.forKey("generator.icModes", "and generator.blockNoise are two sources of small-scale"
                    + " randomness: choose one");
        }
    }

    /** ×2, 32 channels, displacement only, deterministic. */
    public static GeneratorSpec defaults() {
        return new GeneratorSpec(2, 32, false, 0);
    }

    public GeneratorSpec withScale(int s) {
        return new GeneratorSpec(s, width, velocity, noiseChannels, residual, blockNoise, lrConvs, icModes);
    }

    public GeneratorSpec withWidth(int w) {
        return new GeneratorSpec(scale, w, velocity, noiseChannels, residual, blockNoise, lrConvs, icModes);
    }

    public GeneratorSpec withVelocity(boolean v) {
        return new GeneratorSpec(scale, width, v, noiseChannels, residual, blockNoise, lrConvs, icModes);
    }

    public GeneratorSpec withNoiseChannels(int n) {
        return new GeneratorSpec(scale, width, velocity, n, residual, blockNoise, lrConvs, icModes);
    }

    public GeneratorSpec withResidual(boolean r) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, r, blockNoise, lrConvs, icModes);
    }

    public GeneratorSpec withBlockNoise(boolean b) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, residual, b, lrConvs, icModes);
    }

    public GeneratorSpec withLrConvs(int n) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, residual, blockNoise, n, icModes);
    }

    public GeneratorSpec withIcModes(boolean b) {
        return new GeneratorSpec(scale, width, velocity, noiseChannels, residual, blockNoise, lrConvs, b);
    }

    /** Channels of the initial-condition input: 3 components × s³ HR sites per LR cell (0 without it). */
    public int icChannels() {
        return icModes ? 3 * scale * scale * scale : 0;
    }

    public int channels() {
        return velocity ? 6 : 3;
    }
}
