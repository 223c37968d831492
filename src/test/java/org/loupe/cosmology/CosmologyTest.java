package org.loupe.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.ConfigException;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

class CosmologyTest {

    @Test
    void einsteinDeSitterGrowsAsTheScaleFactor() {
        Growth g = new Growth(new Cosmology(1.0, 0.0, 0.04, 0.7, 0.8, 1.0, 0));
        for (double a : new double[] {0.01, 0.1, 0.5, 1.0, 2.0}) {
            assertEquals(a, g.d1(a), 1e-6 * Math.max(a, 0.01));
            assertEquals(1.0, g.f1(a), 1e-6);
            assertEquals(-3.0 / 7 * a * a, g.d2(a), 1e-5 * a * a);
            assertEquals(2.0, g.f2(a), 1e-5);
        }
    }

    @Test
    void lambdaCdmGrowthMatchesTheHeathIntegral() {
        // D ∝ H(a) ∫_0^a da' / (a' H(a'))³ holds exactly for matter + Λ (+ curvature).
        Cosmology c = Cosmology.referenceRuns();
        Growth g = new Growth(c);
        double norm = heath(c, 1.0);
        for (double a : new double[] {0.02, 0.2, 0.5, 0.8, 1.3}) {
            assertEquals(heath(c, a) / norm, g.d1(a), 2e-6, "a = " + a);
        }
        // f ≈ Ω_m(a)^0.55 to a few 1e-3 for ΛCDM.
        assertEquals(Math.pow(c.omegaMatter(1.0), 0.55), g.f1(1.0), 3e-3);
        // 2LPT: D₂ ≈ −3/7 D₁² Ω_m^(−1/143) (Bouchet et al. 1995).
        assertEquals(-3.0 / 7 * Math.pow(c.omegaMatter(1.0), -1.0 / 143), g.d2(1.0), 3e-3);
    }

    @Test
    @ReferenceData
    void growthRatioMatchesGadget4InitialConditions() {
        // inputspec_snapshot.txt, first line: z = 49 and D(0)/D(49) as NGenIC computed it.
        Path spec = SharedData.path("gadget4/A_N032/inputspec_snapshot.txt");
        Growth g = new Growth(Cosmology.referenceRuns());
        double ratio = g.d1(1.0) / g.d1(1.0 / 50);
        assertEquals(39.2458, ratio, 39.2458 * 2e-5, spec.toString());
    }

    @Test
    @ReferenceData
    void noWiggleSpectrumMatchesGadget4Input() throws IOException {
        // Column 2 of NGenIC's inputspec file is Δ²(k) = k³P/(2π²) today, EH no-wiggle, σ8 = 0.81.
        Path spec = SharedData.path("gadget4/A_N032/inputspec_snapshot.txt");
        LinearPower p = LinearPower.eisensteinHu(Cosmology.referenceRuns(), LinearPower.Shape.EH_NO_WIGGLES);
        List<String> lines = Files.readAllLines(spec);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.trim().split("\\s+");
            double k = Double.parseDouble(c[0]);
            double delta2 = Double.parseDouble(c[1]);
            if (k > 50) {
                continue;
            }
            double ours = k * k * k * p.power(k) / (2 * Math.PI * Math.PI);
            assertEquals(1.0, ours / delta2, 2e-3, "k = " + k);
            checked++;
        }
        assertTrue(checked > 300);
    }

    @Test
    void wigglesOscillateAroundTheSmoothFit() {
        Cosmology c = Cosmology.referenceRuns();
        EisensteinHu eh = new EisensteinHu(c, 2.728);
        assertEquals(1.0, eh.withWiggles(1e-5), 1e-4);
        assertEquals(1.0, eh.noWiggle(1e-5), 1e-4);
        int signChanges = 0;
        double prev = 0;
        for (double k = 0.03; k < 0.4; k += 0.002) {
            double r = eh.withWiggles(k) / eh.noWiggle(k) - 1;
            assertTrue(Math.abs(r) < 0.1, "k = " + k + " ratio " + r);
            if (prev != 0 && Math.signum(r) != Math.signum(prev)) {
                signChanges++;
            }
            prev = r;
        }
        assertTrue(signChanges >= 6, "BAO wiggles: " + signChanges + " sign changes");
    }

    @Test
    void sigma8NormalisationHolds() {
        LinearPower p = LinearPower.eisensteinHu(Cosmology.referenceRuns(), LinearPower.Shape.EH_WIGGLES);
        assertEquals(0.81 * 0.81, LinearPower.sigmaSquared(p::power, 8.0), 1e-6);
    }

    @Test
    void tabulatedSpectrumInterpolatesAndRenormalises(@TempDir Path dir) throws IOException {
        LinearPower eh = LinearPower.eisensteinHu(Cosmology.referenceRuns(), LinearPower.Shape.EH_WIGGLES);
        StringBuilder sb = new StringBuilder("# k P\n");
        for (double lk = -5; lk <= 3; lk += 0.01) {
            double k = Math.pow(10, lk);
            sb.append(k).append(' ').append(2.0 * eh.power(k)).append('\n');
        }
        Path f = dir.resolve("pk.txt");
        Files.writeString(f, sb);
        TabulatedPower t = TabulatedPower.read(f, 0.81);
        for (double k : new double[] {0.01, 0.1, 0.5, 2.0}) {
            assertEquals(1.0, t.power(k) / eh.power(k), 2e-3, "k = " + k);
        }
        Files.writeString(f, "0.1 1\n0.05 2\n0.2 3\n0.3 4\n");
        assertThrows(org.loupe.FormatException.class, () -> TabulatedPower.read(f, Double.NaN));
    }

    @Test
    void unphysicalParametersAreRejected() {
        assertThrows(ConfigException.class, () -> new Cosmology(-0.1, 0.7, 0.04, 0.7, 0.8, 0.96, 0));
        assertThrows(ConfigException.class, () -> new Cosmology(0.3, 0.7, 0.4, 0.7, 0.8, 0.96, 0));
    }

    private static double heath(Cosmology c, double a) {
        int n = 200000;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            double x = a * (i - 0.5) / n;
            double e = Math.sqrt(c.e2(x));
            sum += 1 / Math.pow(x * e, 3);
        }
        return Math.sqrt(c.e2(a)) * sum * a / n;
    }
}
