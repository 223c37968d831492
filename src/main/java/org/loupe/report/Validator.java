package org.loupe.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loupe.mesh.Window;
import org.loupe.particles.Particles;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.DensitySlice;
import org.loupe.stats.FofSpec;
import org.loupe.stats.FourierDensity;
import org.loupe.stats.FriendsOfFriends;
import org.loupe.stats.HaloCatalogue;
import org.loupe.stats.MassFunction;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpectrum;
import org.loupe.stats.SeamMetric;

/**
 * Computes a validation report: P(k) of LR, SR (and HR) on one mesh (CIC, interlaced,
 * compensated), cross power of LR and SR with HR (r, T), density slices on one colour scale, the
 * seam metric, and the pass/fail checks of {@link ValidationSpec}.
 */
public final class Validator {

    private final PowerSpectrum power;
    private final int threads;

    public Validator(PowerSpectrum power, int threads) {
        this.power = power;
        this.threads = threads;
    }

    /**
     * @param in the particles to compare, their lattice sides, redshift and names
     * @param grid mesh for P(k) and slices (e.g. 2 × the HR lattice side)
     * @param seam seam metric computed by the caller (needs lattice fields), or null
     */
    public ValidationReport run(ValidationInput in, int grid, ValidationSpec spec, SeamMetric seam) {
        Particles lr = in.lr();
        Particles sr = in.sr();
        Particles hr = in.hr();
        int lrSide = in.lrSide();
        int hrSide = in.hrSide();
        double redshift = in.redshift();
        Map<String, Object> inputs = in.names();
        double box = sr.box().sizeMpcH();
        double kNyqLr = Math.PI * lrSide / box;
        double kNyqHr = Math.PI * hrSide / box;
        FourierDensity fLr = power.paint(lr, grid, Window.CIC, redshift, List.of());
        FourierDensity fSr = power.paint(sr, grid, Window.CIC, redshift, List.of());
        PowerResult pLr = power.auto(fLr);
        PowerResult pSr = power.auto(fSr);
        PowerResult pHr = null;
        CrossPowerResult xLr = null;
        CrossPowerResult xSr = null;
        Map<String, DensitySlice> slices = new LinkedHashMap<>();
        // Slices on the HR particle lattice: finer meshes show the lattice of the particles
        // rather than the structure.
        int sliceMesh = Math.min(grid, hrSide);
        slices.put("LR", DensitySlice.of(lr, sliceMesh, 0, spec.sliceThicknessCells(), threads));
        slices.put("SR", DensitySlice.of(sr, sliceMesh, 0, spec.sliceThicknessCells(), threads));
        List<ValidationReport.Check> checks = new ArrayList<>();
        if (hr != null) {
            FourierDensity fHr = power.paint(hr, grid, Window.CIC, redshift, List.of());
            pHr = power.auto(fHr);
            xLr = power.cross(fLr, fHr);
            xSr = power.cross(fSr, fHr);
            DensitySlice hs = DensitySlice.of(hr, sliceMesh, 0, spec.sliceThicknessCells(), threads);
            slices.put("HR", hs);
            slices.put("SR - HR", slices.get("SR").minus(hs));
            checks.add(powerCheck(xSr, spec.kFractionOfHrNyquist() * kNyqHr, spec.powerTolerance(), "SR"));
            checks.add(correlationCheck(xSr, kNyqLr, spec.minCorrelation()));
            ValidationReport.Check lrPower = powerCheck(xLr, spec.kFractionOfHrNyquist() * kNyqHr, spec.powerTolerance(), "LR");
            checks.add(new ValidationReport.Check("control: " + lrPower.name(), true, lrPower.measured(), lrPower.limit(),
                    lrPower.detail() + " (LR is shown for comparison, not judged)"));
        }
        Map<String, MassFunction> hmf = massFunctions(lr, sr, hr);
        return new ValidationReport(inputs, spec, kNyqLr, kNyqHr, pLr, pSr, pHr, xLr, xSr, slices, seam, hmf, checks);
    }

    /**
     * FoF (b = 0.2, ≥ 20 members) halo mass functions of every box on one set of bins: from 20
     * particles of the finest box present up to the most massive halo found.
     */
    private Map<String, MassFunction> massFunctions(Particles lr, Particles sr, Particles hr) {
        Map<String, HaloCatalogue> cats = new LinkedHashMap<>();
        cats.put("LR", FriendsOfFriends.halos(lr, FofSpec.defaults(), threads));
        cats.put("SR", FriendsOfFriends.halos(sr, FofSpec.defaults(), threads));
        if (hr != null) {
            cats.put("HR", FriendsOfFriends.halos(hr, FofSpec.defaults(), threads));
        }
        double finestMass = Math.min(sr.mass(0), hr == null ? sr.mass(0) : hr.mass(0)) * 1e10;
        double maxMass = finestMass * 40;
        for (HaloCatalogue c : cats.values()) {
            for (double m : c.mass()) {
                maxMass = Math.max(maxMass, m * 1e10);
            }
        }
        double lo = Math.log10(20 * finestMass);
        double hi = Math.log10(maxMass) + 0.05;
        int bins = Math.max(3, Math.min(12, (int) Math.round((hi - lo) / 0.25)));
        double[] edges = MassFunction.edges(lo, hi, bins);
        Map<String, MassFunction> out = new LinkedHashMap<>();
        cats.forEach((k, c) -> out.put(k, MassFunction.measure(c, edges)));
        return out;
    }

    private static ValidationReport.Check powerCheck(CrossPowerResult x, double kmax, double tol, String who) {
        double worst = 0;
        double at = Double.NaN;
        for (int i = 0; i < x.size() && x.k()[i] <= kmax * (1 + 1e-9); i++) {
            double d = Math.abs(x.pk1()[i] / x.pk2()[i] - 1);
            if (d > worst) {
                worst = d;
                at = x.k()[i];
            }
        }
        return new ValidationReport.Check(String.format(Locale.ROOT, "|P_%s/P_HR - 1| <= %.3g for k <= %.3g h/Mpc", who, tol, kmax),
                worst <= tol, worst, tol, Double.isNaN(at) ? "equal in every bin" : String.format(Locale.ROOT, "worst at k = %.3f h/Mpc", at));
    }

    private static ValidationReport.Check correlationCheck(CrossPowerResult x, double kmax, double min) {
        double worst = 1;
        double at = Double.NaN;
        for (int i = 0; i < x.size() && x.k()[i] <= kmax * (1 + 1e-9); i++) {
            if (x.r()[i] < worst) {
                worst = x.r()[i];
                at = x.k()[i];
            }
        }
        return new ValidationReport.Check(String.format(Locale.ROOT, "r_SR(k) >= %.3g for k <= k_Nyq(LR) = %.3g h/Mpc", min, kmax),
                worst >= min, worst, min, Double.isNaN(at) ? "1 in every bin" : String.format(Locale.ROOT, "lowest at k = %.3f h/Mpc", at));
    }
}
