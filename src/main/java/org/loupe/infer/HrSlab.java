package org.loupe.infer;

/**
 * The HR lattice sites with x in [xFrom, xTo) of an (sN)³ lattice, C channels, laid out as
 * values[c][x − xFrom][y][z]: one task's share of a box split along x (the whole box when
 * xFrom = 0 and xTo = sN, then exactly a C × (sN)³ grid in C order).
 *
 * @param sitesPerSide HR sites per side of the whole box
 * @param xFrom first HR x plane (inclusive)
 * @param xTo last HR x plane (exclusive)
 * @param channels channels per site
 * @param values channel-major, then x, y, z
 */
public record HrSlab(int sitesPerSide, int xFrom, int xTo, int channels, float[] values) {

    /** Sites in the slab (per channel). */
    public int siteCount() {
        return (xTo - xFrom) * sitesPerSide * sitesPerSide;
    }

    /** The channels {@code first} … {@code first + count − 1} as a slab of their own. */
    public HrSlab channels(int first, int count) {
        int cells = siteCount();
        float[] v = new float[count * cells];
        System.arraycopy(values, first * cells, v, 0, count * cells);
        return new HrSlab(sitesPerSide, xFrom, xTo, count, v);
    }

    /** The HR planes x ∈ [from, to) (absolute, inside this slab) as a slab of their own. */
    public HrSlab planes(int from, int to) {
        if (from < xFrom || to > xTo || from >= to) {
            throw new IllegalArgumentException("planes " + from + ".." + to + " are not inside " + xFrom + ".." + xTo);
        }
        int plane = sitesPerSide * sitesPerSide;
        int cells = siteCount();
        int part = (to - from) * plane;
        float[] v = new float[channels * part];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(values, c * cells + (from - xFrom) * plane, v, c * part, part);
        }
        return new HrSlab(sitesPerSide, from, to, channels, v);
    }
}
