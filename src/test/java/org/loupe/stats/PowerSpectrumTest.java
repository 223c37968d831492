package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.ConfigException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/** The auto power estimator: mode selection, binning, normalisation, compensation, multipoles. */
class PowerSpectrumTest {

    private static final double BOX = 100.0;

    private static PowerSpectrum estimator(PowerSpec spec) {
        return new PowerSpectrum(spec, new JTransformsFft3d(2), 2);
    }

    private static PowerResult planeWavePower(int n, int nx, int ny, int nz, double amp, PowerSpec spec) {
        return estimator(spec).auto(TestFields.planeWave(n, BOX, nx, ny, nz, amp, TestFields.unpainted()));
    }

    @ParameterizedTest
    @CsvSource({"16, 1, 2, 3", "16, 2, 1, 0", "16, 0, -3, 0", "16, -2, 5, 8", "16, 8, -3, 0", "16, 8, 8, 0",
        "15, 3, -4, 2", "15, -1, 0, 0", "15, 0, 7, 7"})
    void planeWaveLandsInOneBinWithTheAnalyticAmplitude(int n, int nx, int ny, int nz) {
        double amp = 0.7;
        PowerResult p = planeWavePower(n, nx, ny, nz, amp, PowerSpec.pylians());
        double kn = Math.sqrt((double) nx * nx + ny * ny + nz * nz);
        // A cos wave puts A N³/2 on k and on −k; exactly one of them is an independent mode.
        double modePower = amp * amp * BOX * BOX * BOX / 4;
        if (n % 2 == 0 && selfConjugate(nx, n) && selfConjugate(ny, n) && selfConjugate(nz, n)) {
            modePower *= 4; // k ≡ −k: the whole A N³ lands on one cell
        }
        int hit = -1;
        for (int b = 0; b < p.size(); b++) {
            double total = p.pk()[b] * p.nmodes()[b];
            if (total > 1e-6 * modePower) {
                assertEquals(-1, hit, "power in more than one bin");
                hit = b;
                assertEquals(modePower, total, 1e-5 * modePower);
            }
        }
        assertTrue(hit >= 0, "no bin holds the wave");
        double kF = 2 * Math.PI / BOX;
        assertTrue(p.k()[hit] / kF >= Math.floor(kn) && p.k()[hit] / kF < Math.floor(kn) + 1,
                "wave of |n| = " + kn + " in the bin with mean |n| " + p.k()[hit] / kF);
    }

    private static boolean selfConjugate(int c, int n) {
        return Math.floorMod(c, n) == 0 || Math.floorMod(c, n) == n / 2;
    }

    @Test
    void nyquistModesCountOnce() {
        int n = 16;
        // δ = A (−1)^i is the single real mode (N/2, 0, 0): |δ_k|² = A² N⁶ → P·Nmodes = A² L³.
        PowerResult p = planeWavePower(n, n / 2, 0, 0, 1.0, PowerSpec.pylians());
        double total = 0;
        for (int b = 0; b < p.size(); b++) {
            total += p.pk()[b] * p.nmodes()[b];
        }
        assertEquals(BOX * BOX * BOX, total, 1e-5 * BOX * BOX * BOX);
    }

    @ParameterizedTest
    @CsvSource({"16", "8", "15", "9"})
    void modeCountsAddUpToTheIndependentHalfSpace(int n) {
        PowerResult p = planeWavePower(n, 1, 0, 0, 1.0, PowerSpec.pylians());
        long sum = 1; // the DC mode, dropped from the result
        for (long m : p.nmodes()) {
            sum += m;
        }
        long n3 = (long) n * n * n;
        long expected = n % 2 == 0 ? (n3 - 8) / 2 + 8 : (n3 - 1) / 2 + 1;
        assertEquals(expected, sum);
        // Bins run to the cube corner: the last mean |k| is close to √3 k_Nyq.
        double kF = 2 * Math.PI / BOX;
        assertEquals(Math.sqrt(3) * (n / 2), p.k()[p.size() - 1] / kF, 1.0);
        // Pylians' low bins for even N: |n| in [1,2) holds |n|² = 1, 2, 3 → 3 + 6 + 4 modes.
        assertEquals(13, p.nmodes()[0]);
    }

    @Test
    void windowCompensationDividesBySincToThePowerP() {
        int n = 16;
        for (Window w : Window.values()) {
            Grid g = TestFields.planeWave(n, BOX, 3, 0, 0, 1.0, TestFields.painted(w));
            PowerResult on = estimator(PowerSpec.pylians()).auto(g);
            PowerResult off = estimator(PowerSpec.pylians().withCompensate(false)).auto(g);
            double x = Math.PI * 3 / n;
            double expected = Math.pow(x / Math.sin(x), 2 * w.order());
            int bin = 2; // |n| = 3
            assertEquals(3.0, on.k()[bin] * BOX / (2 * Math.PI), 0.5);
            assertEquals(expected, on.pk()[bin] / off.pk()[bin], 1e-9, w.name());
            assertTrue(on.meta().compensated());
            assertEquals(w, on.meta().window());
        }
    }

    @Test
    void multipolesOfWavesAlongAndAcrossTheLineOfSight() {
        int n = 16;
        PowerResult along = planeWavePower(n, 0, 0, 4, 1.0, PowerSpec.pylians()); // μ = 1
        PowerResult across = planeWavePower(n, 4, 0, 0, 1.0, PowerSpec.pylians()); // μ = 0
        PowerResult alongX = planeWavePower(n, 4, 0, 0, 1.0, PowerSpec.pylians().withLosAxis(0));
        int b = 3;
        assertEquals(5.0, along.p2()[b] / along.pk()[b], 1e-9);
        assertEquals(9.0, along.p4()[b] / along.pk()[b], 1e-9);
        assertEquals(-2.5, across.p2()[b] / across.pk()[b], 1e-9);
        assertEquals(9.0 * 3 / 8, across.p4()[b] / across.pk()[b], 1e-9);
        assertEquals(5.0, alongX.p2()[b] / alongX.pk()[b], 1e-9);
    }

    @Test
    void gaussianFieldRecoversItsPowerSpectrumWithinCosmicVariance() {
        int n = 32;
        double kF = 2 * Math.PI / BOX;
        DoubleUnaryOperator pk = k -> 2000.0 / (1 + Math.pow(k / (6 * kF), 2));
        Grid delta = TestFields.gaussianField(n, BOX, pk, 20240611L);
        PowerResult p = estimator(PowerSpec.pylians()).auto(delta);
        double chi2 = 0;
        for (int b = 0; b < p.size(); b++) {
            double want = pk.applyAsDouble(p.k()[b]);
            double sigma = want / Math.sqrt(p.nmodes()[b]);
            chi2 += Math.pow((p.pk()[b] - want) / sigma, 2);
        }
        double perDof = chi2 / p.size();
        assertTrue(perDof < 1.5 && perDof > 0.5, "chi2/dof = " + perDof + " over " + p.size() + " bins");
    }

    @Test
    void poissonCatalogueGivesShotNoiseAfterCompensationAndInterlacing() {
        int n = 64;
        int count = 200_000;
        Particles uniform = TestFields.uniform(count, BOX, 7L);
        double kNyq = Math.PI * n / BOX;
        PowerSpec spec = PowerSpec.defaults().withKRange(0, 0.5 * kNyq);
        PowerResult p = estimator(spec).auto(uniform, n, Window.CIC, 0.0, List.of());
        double shot = BOX * BOX * BOX / count;
        assertEquals(shot, p.meta().shotNoiseMpcH3(), 1e-12 * shot);
        assertTrue(chi2PerDof(p, shot) < 1.5, "chi2/dof = " + chi2PerDof(p, shot));
        // Without compensation the CIC window suppresses the same spectrum far beyond the noise.
        PowerResult raw = estimator(spec.withCompensate(false)).auto(uniform, n, Window.CIC, 0.0, List.of());
        assertTrue(chi2PerDof(raw, shot) > 10, "chi2/dof uncompensated = " + chi2PerDof(raw, shot));
        // Subtracting the shot noise leaves noise around zero.
        PowerResult sub = estimator(spec.withSubtractShotNoise(true)).auto(uniform, n, Window.CIC, 0.0, List.of());
        assertTrue(sub.meta().shotNoiseSubtracted());
        assertEquals(p.pk()[5] - shot, sub.pk()[5], 1e-9 * shot);
    }

    static double chi2PerDof(PowerResult p, double expected) {
        double chi2 = 0;
        for (int b = 0; b < p.size(); b++) {
            chi2 += Math.pow((p.pk()[b] - expected) / (expected / Math.sqrt(p.nmodes()[b])), 2);
        }
        return chi2 / p.size();
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Particles particles = TestFields.clumpy(60_000, 20, 1.0, BOX, 3L);
        PowerSpec spec = PowerSpec.defaults();
        PowerResult one = new PowerSpectrum(spec, new JTransformsFft3d(1), 1).auto(particles, 40, Window.TSC, 0.0, List.of());
        PowerResult three = new PowerSpectrum(spec, new JTransformsFft3d(3), 3).auto(particles, 40, Window.TSC, 0.0, List.of());
        assertArrayEquals(one.k(), three.k());
        assertArrayEquals(one.pk(), three.pk());
        assertArrayEquals(one.p2(), three.p2());
        assertArrayEquals(one.p4(), three.p4());
        assertArrayEquals(one.nmodes(), three.nmodes());
    }

    @Test
    void kRangeAndNyquistLimitSelectBins() {
        int n = 16;
        double kF = 2 * Math.PI / BOX;
        PowerResult all = planeWavePower(n, 1, 0, 0, 1.0, PowerSpec.pylians());
        PowerResult nyq = planeWavePower(n, 1, 0, 0, 1.0, PowerSpec.pylians().withNyquistOnly(true));
        PowerResult mid = planeWavePower(n, 1, 0, 0, 1.0, PowerSpec.pylians().withKRange(2.5 * kF, 5.5 * kF));
        assertEquals((int) (Math.sqrt(3) * 8), all.size());
        for (double k : nyq.k()) {
            assertTrue(k <= Math.PI * n / BOX * (1 + 1e-12));
        }
        assertTrue(nyq.size() >= 7 && nyq.size() < all.size(), "bins up to Nyquist: " + nyq.size());
        assertEquals(3, mid.size());
        assertEquals(all.pk()[2], mid.pk()[0], 0.0);
        // Wider bins: width 2 k_F merges pairs of unit bins, mode counts add up.
        PowerResult wide = planeWavePower(n, 1, 0, 0, 1.0, PowerSpec.pylians().withBinWidth(2));
        assertEquals(all.nmodes()[1] + all.nmodes()[2], wide.nmodes()[1]);
    }

    @Test
    void absurdlyFineBinsAreRefused() {
        PowerSpec spec = PowerSpec.pylians().withBinWidth(1e-6);
        assertThrows(ConfigException.class, () -> planeWavePower(16, 1, 0, 0, 1.0, spec));
    }

    @Test
    void shotNoiseSubtractionNeedsParticles() {
        PowerSpec spec = PowerSpec.pylians().withSubtractShotNoise(true);
        assertThrows(ConfigException.class, () -> planeWavePower(8, 1, 0, 0, 1.0, spec));
    }

    @Test
    void specRejectsBadSettings() {
        assertThrows(ConfigException.class, () -> PowerSpec.defaults().withBinWidth(0));
        assertThrows(ConfigException.class, () -> PowerSpec.defaults().withKRange(1.0, 0.5));
        assertThrows(ConfigException.class, () -> PowerSpec.defaults().withLosAxis(3));
    }
}
