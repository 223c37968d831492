package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.cosmology.Cosmology;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;

class PairGeneratorTest {

    private static SimSpec spec(int lr, int hr, int steps) {
        return new SimSpec(64.0, lr, hr, 2, 49.0, List.of(0.0), steps, 2, "eh", null, 11, 1, 0, 0, Cosmology.referenceRuns());
    }

    @Test
    void lrAndHrInitialConditionsShareTheLargeScaleModes() {
        SimSpec s = spec(16, 32, 1);
        PairGenerator gen = new PairGenerator(s, new JTransformsFft3d(2), 2, Path.of("."));
        PmState lr = gen.initialConditions(16, 11);
        PmState hr = gen.initialConditions(32, 11);
        // Both lattices paint to a uniform field on the LR grid, so only the imposed modes remain.
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        CrossPowerResult x = ps.cross(ps.paint(lr.particles(), 16, Window.CIC, 49, List.of()),
                ps.paint(hr.particles(), 16, Window.CIC, 49, List.of()));
        double kNyqLr = Math.PI * 16 / 64.0;
        int checked = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.k()[i] < 0.5 * kNyqLr) {
                assertTrue(x.r()[i] > 0.999, "r(k = " + x.k()[i] + ") = " + x.r()[i]);
                checked++;
            }
        }
        assertTrue(checked >= 3);
    }

    @Test
    void sameSeedGivesIdenticalParticlesForAnyThreadCount() {
        SimSpec s = spec(8, 16, 4);
        var one = new PairGenerator(s, new JTransformsFft3d(1), 1, Path.of(".")).runOne(16, 11, (a, b, c) -> { });
        var two = new PairGenerator(s, new JTransformsFft3d(2), 2, Path.of(".")).runOne(16, 11, (a, b, c) -> { });
        assertArrayEquals(one.get(0).particles().positionsMpcH(), two.get(0).particles().positionsMpcH());
        assertArrayEquals(one.get(0).particles().velocitiesKmS(), two.get(0).particles().velocitiesKmS());
        var other = new PairGenerator(s, new JTransformsFft3d(2), 2, Path.of(".")).runOne(16, 12, (a, b, c) -> { });
        assertTrue(other.get(0).particles().positionsMpcH()[5] != one.get(0).particles().positionsMpcH()[5],
                "another seed gives another universe");
    }

    @Test
    void scheduleHitsEveryOutput() {
        double[] a = PmRun.schedule(0.02, List.of(1.0, 0.0), 10);
        assertEquals(0.02, a[0], 1e-12);
        assertEquals(1.0, a[a.length - 1], 1e-12);
        boolean half = false;
        for (double x : a) {
            half |= Math.abs(x - 0.5) < 1e-12;
        }
        assertTrue(half, "z = 1 is a step boundary");
        assertEquals(12, a.length);
    }
}
