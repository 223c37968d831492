package org.loupe.mesh;

import java.util.Objects;

import org.loupe.ShapeMismatchException;

/**
 * A field on an N³ periodic mesh with C channels: a flat float array in C order, channel first
 * (index = ((c·N + i)·N + j)·N + k, i along x, k along z fastest; docs/conventions.md).
 *
 * @param size N, cells per side
 * @param channels C (1 for scalars, 3 for vectors)
 * @param boxMpcH box side in comoving Mpc/h
 * @param values C·N³ values
 * @param info metadata written next to the values
 */
public record Grid(int size, int channels, double boxMpcH, float[] values, GridInfo info) {

    public Grid {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(info, "info");
        long expected = (long) channels * size * size * size;
        if (size < 1 || channels < 1 || values.length != expected) {
            throw new ShapeMismatchException("grid of " + channels + " x " + size + "^3 needs " + expected
                    + " values, got " + values.length);
        }
    }

    /** Cells per channel, N³. */
    public int cellCount() {
        return size * size * size;
    }

    /** Cell size L/N in Mpc/h. */
    public double cellSizeMpcH() {
        return boxMpcH / size;
    }

    /** Flat index of cell (i, j, k) in channel c; indices must already be in [0, N). */
    public int index(int c, int i, int j, int k) {
        return ((c * size + i) * size + j) * size + k;
    }

    /** Value at cell (i, j, k) of channel c with periodic wrap of the indices. */
    public float valueWrapped(int c, int i, int j, int k) {
        return values[index(c, Math.floorMod(i, size), Math.floorMod(j, size), Math.floorMod(k, size))];
    }

    /** One channel as its own scalar grid (the values are copied). */
    public Grid channel(int c) {
        float[] out = new float[cellCount()];
        System.arraycopy(values, c * cellCount(), out, 0, cellCount());
        return new Grid(size, 1, boxMpcH, out, info);
    }

    /** Throws unless {@code other} has the same size, channels and box. */
    public void requireSameShape(Grid other, String what) {
        if (other.size != size || other.channels != channels || Math.abs(other.boxMpcH - boxMpcH) > 1e-9 * boxMpcH) {
            throw new ShapeMismatchException(what + ": grids differ (" + channels + "x" + size + "^3 in " + boxMpcH
                    + " Mpc/h vs " + other.channels + "x" + other.size + "^3 in " + other.boxMpcH + " Mpc/h)");
        }
    }
}
