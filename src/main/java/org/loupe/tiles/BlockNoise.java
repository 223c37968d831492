package org.loupe.tiles;

import org.loupe.SplitMix64;

/**
 * The noise a generator with per-block noise takes in every upsampling block: one unit Gaussian
 * value per site of the block's output grid (resolution 2^(k+1) × the LR lattice), which the
 * network scales per channel with learned weights. Each value is a hash of (seed, block, global
 * site), so any tile that covers a site sees the same value there: the stitched box has no noise
 * seams and does not depend on the tiling, with no box-wide array (at 2048³ it would not fit).
 *
 * <p>Where a tile's block output starts: the LR crop starts at LR cell F₀ = anchor − halo; each
 * block upsamples ×2 (site j of the upsampled grid is fine cell 2F + j) and its two valid 3³
 * convolutions drop one site per side each, so F_{k+1} = 2F_k + 2.
 */
public final class BlockNoise {

    private BlockNoise() {
    }

    /** Global index of block k's first output site, per axis, for an LR crop starting at LR cell {@code lrStart}. */
    public static long origin(long lrStart, int block) {
        long f = lrStart;
        for (int k = 0; k <= block; k++) {
            f = 2 * f + 2;
        }
        return f;
    }

    /**
     * Block k's noise for one tile: side³ values (x slowest) at global sites
     * (origin(anchor − halo, k) + j) mod period, period = lrCells·2^(k+1).
     */
    public static float[] tile(long seed, int block, int[] anchor, int halo, int lrCells, int side) {
        long period = (long) lrCells << (block + 1);
        long[] o = new long[3];
        for (int a = 0; a < 3; a++) {
            o[a] = origin(anchor[a] - halo, block);
        }
        long blockSeed = SplitMix64.mix(seed, block);
        float[] out = new float[side * side * side];
        int i = 0;
        for (int x = 0; x < side; x++) {
            long gx = Math.floorMod(o[0] + x, period);
            for (int y = 0; y < side; y++) {
                long gy = Math.floorMod(o[1] + y, period);
                for (int z = 0; z < side; z++) {
                    long gz = Math.floorMod(o[2] + z, period);
                    out[i++] = (float) gaussian(blockSeed, (gx * period + gy) * period + gz);
                }
            }
        }
        return out;
    }

    /** A unit Gaussian from two hashed uniforms (Box–Muller). */
    static double gaussian(long seed, long site) {
        long a = SplitMix64.mix(seed, 2 * site);
        long b = SplitMix64.mix(seed, 2 * site + 1);
        double u1 = ((a >>> 11) + 1) * 0x1.0p-53;   // (0, 1]: log stays finite
        double u2 = (b >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
