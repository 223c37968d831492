package org.loupe.sim;

/**
 * The short-range pair force of a {@link ForceSplit} as a table in r² (uniform steps, linear
 * interpolation), so the inner loop costs a multiply-add instead of erfc and exp per pair:
 * {@code factor(r²)} = shortRangeFraction(r)·softenedInverseCube(r), zero from r_cut on.
 *
 * <p>Why tabulate the product and not only the smooth split fraction: the inner loop then has no
 * branch at all (the spline inside the softening, the cut and a particle's own entry are all in
 * the table). 1/r³ varies fast at small r, so the table is sized for that (2¹⁶ entries; the
 * interpolation error is bounded in PairKernelTest) and still fits in the L2 cache.
 */
public final class PairKernel {

    private static final int ENTRIES = 1 << 16;

    private final float[] table;
    private final double cut2;
    private final double perStep;

    public PairKernel(ForceSplit split) {
        cut2 = split.cutMpcH() * split.cutMpcH();
        perStep = ENTRIES / cut2;
        table = new float[ENTRIES + 2];
        for (int e = 0; e <= ENTRIES; e++) {
            double r = Math.sqrt(e / perStep);
            table[e] = e == ENTRIES ? 0f : (float) (split.shortRangeFraction(r) * split.softenedInverseCube(r));
        }
        table[ENTRIES + 1] = 0f;
    }

    /** r_cut² (Mpc/h)²: pairs at or beyond it feel nothing. */
    public double cut2() {
        return cut2;
    }

    /** The factor f with F_i += G m_j f (x_j − x_i), for r² below {@link #cut2()}. */
    public double factor(double r2) {
        double t = r2 * perStep;
        int e = (int) t;
        if (e >= ENTRIES) {
            return 0;
        }
        float lo = table[e];
        return lo + (table[e + 1] - lo) * (t - e);
    }

    float[] table() {
        return table;
    }

    double perStep() {
        return perStep;
    }

    /** Table entries below the cut; entries() and entries() + 1 hold zero. */
    int entries() {
        return ENTRIES;
    }
}
