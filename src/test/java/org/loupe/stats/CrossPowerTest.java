package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/** Cross power, correlation coefficient and transfer function. */
class CrossPowerTest {

    private static final double BOX = 200.0;
    private static final DoubleUnaryOperator PK = k -> 1000.0 / (1 + k * k * 100);

    private static PowerSpectrum estimator() {
        return new PowerSpectrum(PowerSpec.pylians(), new JTransformsFft3d(2), 2);
    }

    @Test
    void aFieldIsPerfectlyCorrelatedWithItself() {
        Grid g = TestFields.gaussianField(24, BOX, PK, 1L);
        CrossPowerResult x = estimator().cross(g, g);
        PowerResult auto = estimator().auto(g);
        assertArrayEquals(auto.pk(), x.pk1());
        assertArrayEquals(auto.pk(), x.pk2());
        assertArrayEquals(auto.nmodes(), x.nmodes());
        for (int b = 0; b < x.size(); b++) {
            assertEquals(1.0, x.r()[b], 1e-12);
            assertEquals(1.0, x.transfer()[b], 1e-12);
            assertEquals(auto.pk()[b], x.pk12()[b], 1e-12 * auto.pk()[b]);
        }
    }

    @Test
    void transferOfAScaledFieldIsTheScale() {
        Grid g = TestFields.gaussianField(16, BOX, PK, 2L);
        float[] twice = g.values().clone();
        for (int c = 0; c < twice.length; c++) {
            twice[c] *= 2;
        }
        CrossPowerResult x = estimator().cross(new Grid(16, 1, BOX, twice, g.info()), g);
        for (int b = 0; b < x.size(); b++) {
            assertEquals(2.0, x.transfer()[b], 1e-6);
            assertEquals(1.0, x.r()[b], 1e-6);
        }
    }

    @Test
    void independentFieldsAreUncorrelated() {
        CrossPowerResult x = estimator().cross(TestFields.gaussianField(32, BOX, PK, 3L),
                TestFields.gaussianField(32, BOX, PK, 4L));
        // For independent Gaussian fields r of a bin has variance 1/(2 Nmodes).
        double chi2 = 0;
        for (int b = 0; b < x.size(); b++) {
            double z = x.r()[b] * Math.sqrt(2.0 * x.nmodes()[b]);
            assertTrue(Math.abs(z) < 5, "bin " + b + ": r = " + x.r()[b] + " with " + x.nmodes()[b] + " modes");
            chi2 += z * z;
        }
        assertTrue(chi2 / x.size() < 1.5, "chi2/dof of r = " + chi2 / x.size());
    }

    @Test
    void particlesCarryTheirOwnWindowsAndShotNoise() {
        Particles a = TestFields.clumpy(40_000, 10, 2.0, BOX, 5L);
        Particles b = TestFields.uniform(20_000, BOX, 6L);
        PowerSpectrum est = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        CrossPowerResult x = est.cross(est.paint(a, 32, Window.TSC, 0.5, List.of()),
                est.paint(b, 32, Window.CIC, 0.5, List.of()));
        assertEquals(Window.TSC, x.first().window());
        assertEquals(Window.CIC, x.second().window());
        assertEquals(BOX * BOX * BOX / 40_000, x.first().shotNoiseMpcH3(), 1e-9);
        assertEquals(BOX * BOX * BOX / 20_000, x.second().shotNoiseMpcH3(), 1e-9);
        assertTrue(x.first().interlaced() && x.second().interlaced());
        PowerResult autoA = est.auto(a, 32, Window.TSC, 0.5, List.of());
        assertArrayEquals(autoA.pk(), x.pk1());
    }

    @Test
    void gridsMustMatch() {
        Grid g16 = TestFields.gaussianField(16, BOX, PK, 1L);
        Grid g8 = TestFields.gaussianField(8, BOX, PK, 1L);
        assertThrows(ShapeMismatchException.class, () -> estimator().cross(g16, g8));
    }
}
