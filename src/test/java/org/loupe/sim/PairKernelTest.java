package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairKernelTest {

    /** GADGET-4's settings at 64³ in 64 Mpc/h: r_s = 0.625, r_cut = 2.8125, ε = 1/32 Mpc/h. */
    private final ForceSplit split = P3mForce.split(128, 64.0, 1.25, 4.5, 1.0 / 32);
    private final PairKernel kernel = new PairKernel(split);

    @Test
    void tableFollowsTheExactPairForceAndEndsAtTheCut() {
        double worst = 0;
        for (double r = 0.5 * split.splineMpcH(); r < split.cutMpcH(); r *= 1.01) {
            double exact = split.shortRangeFraction(r) * split.softenedInverseCube(r);
            worst = Math.max(worst, Math.abs(kernel.factor(r * r) / exact - 1));
        }
        assertTrue(worst < 5e-4, "worst relative interpolation error " + worst);
        assertEquals(0, kernel.factor(split.cutMpcH() * split.cutMpcH()), 0);
        assertEquals(0, kernel.factor(4 * split.cutMpcH() * split.cutMpcH()), 0);
    }

    @Test
    void splitHandsOverSmoothlyAndSofteningIsNewtonianBeyondTheSpline() {
        assertEquals(1.0, split.shortRangeFraction(0), 1e-15, "all of the force is short-range at r = 0");
        assertTrue(split.shortRangeFraction(split.cutMpcH()) < 0.02, "under 2 % left at the cut");
        double prev = 1;
        for (double r = 0.01; r < split.cutMpcH(); r += 0.01) {
            double f = split.shortRangeFraction(r);
            assertTrue(f <= prev + 1e-12, "the short-range fraction falls monotonically");
            prev = f;
        }
        double h = split.splineMpcH();
        assertEquals(1 / (h * h * h), split.softenedInverseCube(h), 1e-9 / (h * h * h), "spline meets Newton at h");
        assertEquals(1 / Math.pow(1.01 * h, 3), split.softenedInverseCube(1.01 * h), 1e-12);
        assertTrue(Double.isFinite(split.softenedInverseCube(0)) && split.softenedInverseCube(0) > 0, "finite at r = 0");
        // the Plummer-equivalent depth: the spline potential at 0 is −G m / ε, i.e. its force
        // factor at 0 is 10.67 / h³ (GADGET-4's kernel)
        assertEquals(10.666666666667 / (h * h * h), split.softenedInverseCube(0), 1e-9 / (h * h * h));
    }
}
