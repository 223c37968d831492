package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.testing.Slow;

@Slow
class HierarchicalKdkTest {

    private static final double BOX = 64.0;

    /**
     * A Zel'dovich plane wave (exact in one dimension until shell crossing) integrated from z = 49
     * to 0 with P³M keeps growing as the linear growth factor: the short-range pairs and the
     * filtered mesh together give the linear force, and the leapfrog in ln a its growth.
     */
    @Test
    void planeWaveGrowsAsLinearTheory() {
        int n = 16;
        int cells = n * n * n;
        Cosmology c = Cosmology.referenceRuns();
        Growth g = new Growth(c);
        double aStart = 0.02;
        double spacing = BOX / n;
        // 0.1 mean spacings at z = 0: linear, far from shell crossing
        double amp = 0.1 * spacing / g.d1(1.0);
        double k = 2 * Math.PI / BOX * 2;
        float[] psi = new float[3 * cells];
        for (int s = 0; s < cells; s++) {
            psi[s] = (float) (amp * Math.sin(k * (s / (n * n)) * spacing));
        }
        PmState ics = InitialConditions.atScaleFactor(n, BOX, psi, null, c, g, aStart);
        SimSpec spec = spec(n, new P3mSpec(null, null, null, 0.05, null, 4, null));
        List<PmRun.Output> out = PmRun.run(ics, spec, c, g, n, new JTransformsFft3d(2), 2, (s, t, a) -> { });
        float[] x = out.get(0).particles().positionsMpcH();
        double sxy = 0;
        double sxx = 0;
        double transverse = 0;
        for (int s = 0; s < cells; s++) {
            double q = (s / (n * n)) * spacing;
            double d = x[3 * s] - q;
            d -= BOX * Math.round(d / BOX);
            double lin = amp * g.d1(1.0) * Math.sin(k * q);
            sxy += d * lin;
            sxx += lin * lin;
            transverse = Math.max(transverse, Math.abs(x[3 * s + 1] - (s / n) % n * spacing));
        }
        assertEquals(1.0, sxy / sxx, 0.01, "displacement at z = 0 over D(1)·Psi");
        assertTrue(transverse < 1e-3 * spacing, "no motion across the wave: " + transverse);
    }

    /** A short clustered P³M run with sub-steps gives the same bits on 1 and 2 threads. */
    @Test
    void outputDoesNotDependOnThreadCount() {
        int n = 16;
        SimSpec spec = spec(n, new P3mSpec(null, null, null, 0.25, 0.02, 3, null));
        PairGenerator gen = new PairGenerator(spec, new JTransformsFft3d(1), 1, java.nio.file.Path.of("."));
        PmState ics = gen.initialConditions(n, 3);
        Cosmology c = spec.cosmology();
        var one = PmRun.run(ics, spec, c, new Growth(c), n, new JTransformsFft3d(1), 1, (s, t, a) -> { }).get(0).particles();
        var two = PmRun.run(ics, spec, c, new Growth(c), n, new JTransformsFft3d(2), 2, (s, t, a) -> { }).get(0).particles();
        assertArrayEquals(one.positionsMpcH(), two.positionsMpcH());
        assertArrayEquals(one.velocitiesKmS(), two.velocitiesKmS());
    }

    /** Top steps are uniform in ln a, no longer than asked, and land on every output. */
    @Test
    void logScheduleHitsOutputsWithBoundedSteps() {
        double[] s = PmRun.logSchedule(0.02, List.of(1.0, 0.0), 0.025, 0);
        assertEquals(0.02, s[0], 1e-15);
        assertEquals(1.0, s[s.length - 1], 1e-12);
        boolean hasHalf = false;
        for (int i = 1; i < s.length; i++) {
            assertTrue(Math.log(s[i] / s[i - 1]) <= 0.025 + 1e-12, "step " + i);
            hasHalf |= Math.abs(s[i] - 0.5) < 1e-12;
        }
        assertTrue(hasHalf, "z = 1 is a step boundary");
        assertEquals(159, s.length, "the start, ceil(ln 50 / 0.025) = 157 steps and the inserted z = 1");
    }

    private static SimSpec spec(int n, P3mSpec p3m) {
        return new SimSpec(BOX, n, n, 2, 49.0, List.of(0.0), 0, 2, "eh", null, 1, 1, 0, 0, Cosmology.referenceRuns(),
                "p3m", p3m);
    }
}
