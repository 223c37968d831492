package org.loupe.mesh;

import org.loupe.ShapeMismatchException;

/**
 * A run of consecutive x planes of an N³ lattice field (periodic: the run may wrap past N − 1),
 * channel first: what one task of a box split along x needs of the LR fields, instead of the box.
 * Index of (c, plane x, y, z) = ((c·W + w)·N + y)·N + z with w = (x − xFrom) mod N < W.
 *
 * @param sitesPerSide N
 * @param xFrom first plane held
 * @param xCount W, planes held (N for the whole box)
 * @param channels C
 * @param boxMpcH box side
 * @param values C·W·N² values
 */
public record LatticeSlab(int sitesPerSide, int xFrom, int xCount, int channels, double boxMpcH, float[] values) {

    public LatticeSlab {
        long expected = (long) channels * xCount * sitesPerSide * sitesPerSide;
        if (xCount < 1 || xCount > sitesPerSide || xFrom < 0 || xFrom >= sitesPerSide || values.length != expected) {
            throw new ShapeMismatchException("slab of " + channels + " x " + xCount + " planes of " + sitesPerSide
                    + "^2 from plane " + xFrom + " needs " + expected + " values, got " + values.length);
        }
    }

    /** The whole field of {@code g} as a slab (no copy). */
    public static LatticeSlab of(Grid g) {
        return new LatticeSlab(g.size(), 0, g.size(), g.channels(), g.boxMpcH(), g.values());
    }

    /** Sites per channel held, W·N². */
    public int cellCount() {
        return xCount * sitesPerSide * sitesPerSide;
    }

    /** Index within a channel of site (x, y, z), coordinates in [0, N); refuses a plane the slab does not hold. */
    public int site(int x, int y, int z) {
        int w = Math.floorMod(x - xFrom, sitesPerSide);
        if (w >= xCount) {
            throw new IllegalStateException("plane " + x + " is outside the slab of planes " + xFrom + " + " + xCount);
        }
        return (w * sitesPerSide + y) * sitesPerSide + z;
    }

    /** The channels of this slab followed by those of {@code other} (same planes). */
    public LatticeSlab join(LatticeSlab other) {
        float[] both = new float[values.length + other.values.length];
        System.arraycopy(values, 0, both, 0, values.length);
        System.arraycopy(other.values, 0, both, values.length, other.values.length);
        return new LatticeSlab(sitesPerSide, xFrom, xCount, channels + other.channels, boxMpcH, both);
    }
}
