package org.loupe;

/**
 * The SplitMix64 finaliser (Steele, Lea and Flood 2014): turns a 64-bit value whose bits are
 * poorly mixed (a seed times a constant plus a counter) into a well-mixed one, so seeds derived
 * from (seed, step) or (seed, wavenumber) are independent. One copy, so every derived seed in
 * Loupe stays bit-identical wherever it is computed.
 */
public final class SplitMix64 {

    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The finaliser's three xor-shift-multiply rounds. */
    public static long finalise(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** A well-mixed seed for {@code counter} (a step, a tile) under {@code seed}. */
    public static long mix(long seed, long counter) {
        return finalise(seed * GOLDEN + counter);
    }
}
