package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;
import org.loupe.sim.GaussianField;
import org.loupe.sim.Lpt;

class RedshiftSpaceTest {

    /** A uniform velocity moves every particle by v/(aH) along the line of sight only, wrapped into the box. */
    @Test
    void aUniformVelocityShiftsAlongTheLineOfSight() {
        Particles p = new Particles(new Box(10), new float[] {1, 2, 9.5f}, new float[] {30, 40, 50}, null, 1, null);
        Particles s = RedshiftSpace.of(p, 2, 0.5, 100);   // 50 km/s / (0.5 · 100) = 1 Mpc/h
        assertEquals(1f, s.positionsMpcH()[0], 0f);
        assertEquals(2f, s.positionsMpcH()[1], 0f);
        assertEquals(0.5f, s.positionsMpcH()[2], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> RedshiftSpace.of(new Particles(new Box(10), new float[3], null, null, 1,
                null), 2, 1, 100));
    }

    /**
     * Kaiser (1987): in the linear regime, where v = aHfΨ for the Zel'dovich displacement Ψ, the
     * redshift-space multipoles over the real-space power are 1 + 2f/3 + f²/5 (monopole) and
     * 4f/3 + 4f²/7 (quadrupole), up to the discreteness of μ in a shell of a few hundred modes.
     */
    @Test
    void linearDisplacementsGiveTheKaiserMultipoles() {
        int n = 64;
        double box = 400;
        double f = 0.6;
        double a = 1;
        double hubble = 100;
        var fft = new JTransformsFft3d(2);
        // A tilted power law of small amplitude: displacements a tenth of a cell, linear throughout.
        var delta = GaussianField.draw(n, box, 17, k -> 0.4 * Math.pow(k, -1.5), 2);
        float[] psi = new Lpt(fft, 2).firstOrder(delta, box);
        int count = n * n * n;
        float[] x = new float[3 * count];
        float[] v = new float[3 * count];
        double cell = box / n;
        Box b = new Box(box);
        for (int i = 0; i < count; i++) {
            int[] q = {i / (n * n), (i / n) % n, i % n};
            for (int c = 0; c < 3; c++) {
                x[3 * i + c] = b.wrap((float) (q[c] * cell + psi[c * count + i]));
                v[3 * i + c] = (float) (a * hubble * f * psi[c * count + i]);
            }
        }
        Particles real = new Particles(b, x, v, null, 1, null);
        // Averaged over the three axes as lines of sight: Σ_i L2(k̂_i) = 0 mode by mode, so the
        // realisation's own real-space anisotropy cancels and the test sees the Kaiser factors.
        double[][] sum = null;
        PowerResult pr = null;
        for (int los = 0; los < 3; los++) {
            PowerSpec spec = PowerSpec.defaults().withSubtractShotNoise(false).withLosAxis(los);   // a lattice has no Poisson noise
            PowerSpectrum est = new PowerSpectrum(spec, fft, 2);
            pr = est.auto(real, n, Window.CIC, 0, java.util.List.of());
            PowerResult ps = est.auto(RedshiftSpace.of(real, los, a, hubble), n, Window.CIC, 0, java.util.List.of());
            if (sum == null) {
                sum = new double[2][pr.size()];
            }
            for (int i = 0; i < pr.size(); i++) {
                sum[0][i] += ps.pk()[i] / pr.pk()[i] / 3;
                sum[1][i] += ps.p2()[i] / pr.pk()[i] / 3;
            }
        }
        double mono = 1 + 2 * f / 3 + f * f / 5;
        double quad = 4 * f / 3 + 4 * f * f / 7;
        int checked = 0;
        double kNyq = Math.PI * n / box;
        for (int i = 0; i < pr.size(); i++) {
            if (pr.k()[i] > kNyq / 2 || pr.nmodes()[i] < 400) {
                continue;
            }
            assertEquals(mono, sum[0][i], 0.02 * mono, "monopole at k = " + pr.k()[i]);
            assertEquals(quad, sum[1][i], 0.08 * quad, "quadrupole at k = " + pr.k()[i]);
            checked++;
        }
        assertTrue(checked >= 4, "bins checked: " + checked);
    }
}
