package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.cosmology.LinearPower;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;

/** The PM integrator reproduces linear growth on the largest scales. */
class LinearGrowthTest {

    @Test
    void largestModesGrowAsTheLinearGrowthFactor() {
        int n = 32;
        // A 1 Gpc/h box: at k ~ 0.01 h/Mpc the non-linear propagator damping exp(−k²σ_v²) is
        // below 0.3 % (in a 256 Mpc/h box it is ~2 % at the fundamental, which is physics, not error).
        double box = 1000.0;
        Cosmology c = Cosmology.referenceRuns();
        Growth g = new Growth(c);
        Fft3d fft = new JTransformsFft3d(2);
        var delta = GaussianField.draw(n, box, 7, LinearPower.eisensteinHu(c, LinearPower.Shape.EH_NO_WIGGLES), 2);
        Lpt lpt = new Lpt(fft, 2);
        float[] psi1 = lpt.firstOrder(delta, box);
        float[] psi2 = lpt.secondOrder(delta, box);
        double aInit = 1.0 / 50;
        PmState ics = InitialConditions.atScaleFactor(n, box, psi1, psi2, c, g, aInit);
        FastPm pm = new FastPm(c, g, new ForceMesh(2 * n, box, c.omegaM(), fft, 2));
        double[] steps = new double[11];
        for (int s = 0; s <= 10; s++) {
            steps[s] = aInit + (1.0 - aInit) * s / 10;
        }
        PmState end = pm.run(ics, steps, st -> { });
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), fft, 2);
        PowerResult p0 = ps.auto(ics.particles(), 2 * n, Window.CIC, 49, List.of());
        PowerResult p1 = ps.auto(end.particles(), 2 * n, Window.CIC, 0, List.of());
        Grid linear = new Grid(n, 1, box, fft.inverse(delta), GridInfo.lattice(GridKind.DENSITY_CONTRAST, 0, List.of()));
        PowerResult pl = new PowerSpectrum(PowerSpec.defaults().withCompensate(false).withInterlace(false), fft, 2).auto(linear);
        double expected = Math.pow(g.d1(1.0) / g.d1(aInit), 2);
        assertEquals(1.0, p0.pk()[0] / pl.pk()[0] / Math.pow(g.d1(aInit), 2), 0.005, "ICs carry the linear spectrum");
        // The largest modes (k = k_F) grow as linear theory says, to 1 %.
        assertEquals(1.0, p1.pk()[0] / p0.pk()[0] / expected, 0.01, "P(z=0)/P(z=49)/(D0/D49)^2 at k = " + p1.k()[0]);
        // Towards the particle Nyquist frequency lattice discreteness and mode coupling add power.
        assertEquals(1.0, p1.pk()[1] / p0.pk()[1] / expected, 0.03, "second bin");
        assertTrue(p1.pk()[0] > 0);
    }
}
