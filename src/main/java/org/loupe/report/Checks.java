package org.loupe.report;

import java.util.Locale;

import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.MassFunction;

/** The checks of a validation report, each measured the same way on every box against HR. */
final class Checks {

    static final String POWER = "P(k)";
    static final String CORRELATION = "r(k)";
    static final String HALOS = "halo count";
    static final String MASS_FUNCTION = "mass function";
    static final String MONOPOLE = "P0 (redshift space)";
    static final String QUADRUPOLE = "P2 (redshift space)";

    private Checks() {
    }

    /** P/P_HR per bin, both with their shot noise subtracted (boxes of different N compared on equal footing). */
    static double[] ratio(Dataset d, Dataset hr) {
        double[] a = d.pkMinusShotNoise();
        double[] b = hr.pkMinusShotNoise();
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    /** P/P_HR per bin as measured, shot noise kept. */
    static double[] rawRatio(CrossPowerResult x) {
        double[] out = new double[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.pk1()[i] / x.pk2()[i];
        }
        return out;
    }

    static ValidationReport.Check power(Dataset d, Dataset hr, double kmax, double tol) {
        double[] q = ratio(d, hr);
        double[] k = d.power().k();
        double worst = 0;
        double at = Double.NaN;
        for (int i = 0; i < q.length && k[i] <= kmax * (1 + 1e-9); i++) {
            double e = Math.abs(q[i] - 1);
            if (e > worst || Double.isNaN(e)) {
                worst = e;
                at = k[i];
            }
        }
        return check(POWER, d, worst <= tol, worst, tol, String.format(Locale.ROOT,
                "max |P/P_HR - 1|, shot noise subtracted, k <= %.3g h/Mpc%s", kmax,
                Double.isNaN(at) ? "; equal in every bin" : String.format(Locale.ROOT, "; worst at k = %.3f", at)));
    }

    static ValidationReport.Check correlation(Dataset d, double kmax, double min) {
        CrossPowerResult x = d.vsHr();
        double worst = 1;
        double at = Double.NaN;
        for (int i = 0; i < x.size() && x.k()[i] <= kmax * (1 + 1e-9); i++) {
            if (x.r()[i] < worst) {
                worst = x.r()[i];
                at = x.k()[i];
            }
        }
        return check(CORRELATION, d, worst >= min, worst, min, String.format(Locale.ROOT, "min r(k) for k <= k_Nyq(LR) = %.3g h/Mpc%s",
                kmax, Double.isNaN(at) ? "; 1 in every bin" : String.format(Locale.ROOT, "; lowest at k = %.3f", at)));
    }

    static ValidationReport.Check haloCount(Dataset d, long n, long nHr, int minParticles, double tol) {
        double ratio = nHr == 0 ? (n == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) n / nHr;
        double err = Math.abs(ratio - 1);
        return check(HALOS, d, err <= tol, err, tol, String.format(Locale.ROOT,
                "|N/N_HR - 1| of FoF halos >= %d HR particle masses: %d vs %d (ratio %.2f)", minParticles, n, nHr, ratio));
    }

    /** Mass-function bins whose count differs from HR's by more than 2σ (Poisson of both). */
    static ValidationReport.Check massFunctionBins(Dataset d, Dataset hr) {
        MassFunction a = d.massFunction();
        MassFunction b = hr.massFunction();
        int off = 0;
        int used = 0;
        for (int i = 0; i < a.size(); i++) {
            long na = a.counts()[i];
            long nb = b.counts()[i];
            if (na + nb == 0) {
                continue;
            }
            used++;
            if (Math.abs(na - nb) > 2 * Math.sqrt(na + nb)) {
                off++;
            }
        }
        return check(MASS_FUNCTION, d, off == 0, off, 0, String.format(Locale.ROOT,
                "mass-function bins (%.1f dex) beyond 2 sigma of HR: %d of %d", Validator.MASS_BIN_DEX, off, used));
    }

    /** Redshift-space P₀/P₀_HR per bin, both with their shot noise subtracted. */
    static double[] monopoleRatio(Dataset d, Dataset hr) {
        double[] a = d.redshiftSpace().pk();
        double[] b = hr.redshiftSpace().pk();
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (a[i] - d.shotNoise()) / (b[i] - hr.shotNoise());
        }
        return out;
    }

    /**
     * (P₂ − P₂_HR) / P₀_HR per bin: the quadrupole changes sign on small scales (fingers of God),
     * so its error is measured against HR's monopole, not as a ratio that diverges at the crossing.
     */
    static double[] quadrupoleError(Dataset d, Dataset hr) {
        double[] a = d.redshiftSpace().p2();
        double[] b = hr.redshiftSpace().p2();
        double[] m = hr.redshiftSpace().pk();
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (a[i] - b[i]) / (m[i] - hr.shotNoise());
        }
        return out;
    }

    static ValidationReport.Check monopole(Dataset d, Dataset hr, double kmax, double tol) {
        double[] q = monopoleRatio(d, hr);
        return worst(MONOPOLE, d, q, 1, kmax, tol, "max |P0/P0_HR - 1| in redshift space (mean of 3 lines of sight), shot noise"
                + " subtracted");
    }

    static ValidationReport.Check quadrupole(Dataset d, Dataset hr, double kmax, double tol) {
        return worst(QUADRUPOLE, d, quadrupoleError(d, hr), 0, kmax, tol, "max |P2 - P2_HR| / P0_HR in redshift space (mean of 3"
                + " lines of sight)");
    }

    private static ValidationReport.Check worst(String kind, Dataset d, double[] q, double ideal, double kmax, double tol, String what) {
        double[] k = d.redshiftSpace().k();
        double worst = 0;
        double at = Double.NaN;
        for (int i = 0; i < q.length && k[i] <= kmax * (1 + 1e-9); i++) {
            double e = Math.abs(q[i] - ideal);
            if (e > worst || Double.isNaN(e)) {
                worst = e;
                at = k[i];
            }
        }
        return check(kind, d, worst <= tol, worst, tol, String.format(Locale.ROOT, "%s, k <= %.3g h/Mpc%s", what, kmax,
                Double.isNaN(at) ? "; equal in every bin" : String.format(Locale.ROOT, "; worst at k = %.3f", at)));
    }

    private static ValidationReport.Check check(String kind, Dataset d, boolean passed, double measured, double limit, String detail) {
        return new ValidationReport.Check(kind, d.name(), d.judged(), passed, measured, limit, detail);
    }
}
