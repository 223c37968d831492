package org.loupe.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line per SR input that answers "is this SR good?": its checks, and where it is closer to HR
 * than the LR control and the trilinear baseline and where it is not. A failed check alone does
 * not say whether the network helped; the comparison does.
 */
final class Verdicts {

    /**
     * Differences at or below this (in P_X/P_HR − 1 and in r) are rounding, not a win: an SR box
     * equal to LR would otherwise be "closer in every bin" by ties (issue #25, item 4). Float
     * positions round P(k) ratios at ~1e-7.
     */
    static final double TIE = 1e-6;

    private Verdicts() {
    }

    static Map<String, String> of(ValidationReport r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : r.srNames()) {
            out.put(name, r.hr() == null ? name + ": no HR box was given, so nothing is judged (P(k) and slices only)" : line(r, name));
        }
        return out;
    }

    private static String line(ValidationReport r, String name) {
        Dataset sr = r.datasets().get(name);
        Dataset lr = r.datasets().get(ValidationReport.LR);
        Dataset tri = r.datasets().get(ValidationReport.TRILINEAR);
        Dataset hr = r.hr();
        double kmax = r.spec().kFractionOfHrNyquist() * r.kNyqHr();
        List<String> parts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ValidationReport.Check c : r.checks()) {
            if (c.dataset().equals(name) && !c.passed()) {
                failed.add(c.kind() + " " + value(c));
            }
        }
        parts.add(failed.isEmpty() ? "passes every check" : "fails " + String.join(", ", failed));
        parts.add(powerVsLr(sr, lr, hr, kmax));
        parts.add(correlationVsLr(sr, lr, kmax));
        if (tri != null) {
            parts.add(versusTrilinear(r, name));
        }
        for (String floor : r.floorNames()) {
            parts.add(versusFloor(r, name, floor));
        }
        return name + ": " + String.join("; ", parts);
    }

    private static String value(ValidationReport.Check c) {
        return switch (c.kind()) {
            case Checks.POWER, Checks.HALOS, Checks.MONOPOLE, Checks.QUADRUPOLE ->
                    String.format(Locale.ROOT, "(%.1f %% > %.0f %%)", 100 * c.measured(), 100 * c.limit());
            case Checks.CORRELATION -> String.format(Locale.ROOT, "(min %.3f < %.3g)", c.measured(), c.limit());
            default -> String.format(Locale.ROOT, "(%d bins beyond 2 sigma)", (int) c.measured());
        };
    }

    /** Where SR's P(k) error (shot noise subtracted) is smaller than LR's, bin by bin up to {@code kmax}. */
    static String powerVsLr(Dataset sr, Dataset lr, Dataset hr, double kmax) {
        double[] s = Checks.ratio(sr, hr);
        double[] l = Checks.ratio(lr, hr);
        double[] k = sr.power().k();
        int n = 0;
        while (n < k.length && k[n] <= kmax * (1 + 1e-9)) {
            n++;
        }
        boolean[] closer = new boolean[n];
        int count = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(s[i] - 1) - Math.abs(l[i] - 1);
            closer[i] = d < -TIE;
            count += closer[i] ? 1 : 0;
            ties += Math.abs(d) <= TIE ? 1 : 0;
        }
        String range = String.format(Locale.ROOT, "k <= %.2f h/Mpc", kmax);
        if (ties == n) {
            return "the same as LR in P(k) at every " + range + " (no difference beyond rounding)";
        }
        if (ties > 0) {
            return String.format(Locale.ROOT, "closer to HR than LR in P(k) in %d of %d bins, the same as LR in %d (%s)",
                    count, n, ties, range);
        }
        if (count == n) {
            return "closer to HR than LR in P(k) at every " + range;
        }
        if (count == 0) {
            return "further from HR than LR in P(k) at every " + range;
        }
        // A single crossing: closer below some k, further above it (or the reverse).
        int flip = firstFromWhichAll(closer, false);
        if (flip > 0 && allUpTo(closer, flip, true)) {
            return String.format(Locale.ROOT, "further from HR than LR in P(k) at k > %.2f h/Mpc, closer below", k[flip - 1]);
        }
        flip = firstFromWhichAll(closer, true);
        if (flip > 0 && allUpTo(closer, flip, false)) {
            return String.format(Locale.ROOT, "closer to HR than LR in P(k) at k > %.2f h/Mpc, further below", k[flip - 1]);
        }
        return String.format(Locale.ROOT, "closer to HR than LR in P(k) in %d of %d bins (%s)", count, n, range);
    }

    static String correlationVsLr(Dataset sr, Dataset lr, double kmax) {
        double[] k = sr.vsHr().k();
        int n = 0;
        int better = 0;
        int ties = 0;
        for (int i = 0; i < k.length && k[i] <= kmax * (1 + 1e-9); i++) {
            n++;
            double d = sr.vsHr().r()[i] - lr.vsHr().r()[i];
            better += d > TIE ? 1 : 0;
            ties += Math.abs(d) <= TIE ? 1 : 0;
        }
        if (ties == n) {
            return "the same as LR in r(k) in every bin (no difference beyond rounding)";
        }
        if (ties > 0) {
            return String.format(Locale.ROOT, "better than LR in r(k) in %d of %d bins, the same in %d", better, n, ties);
        }
        if (better == n) {
            return "better than LR in r(k) in every bin";
        }
        if (better == 0) {
            return "worse than LR in r(k) in every bin";
        }
        return String.format(Locale.ROOT, "better than LR in r(k) in %d of %d bins", better, n);
    }

    /**
     * Whether SR beats the trilinear baseline, weighing every check both have: P(k), r(k), the
     * halo count and the mass function. A box that makes fewer haloes than trilinear interpolation
     * of its LR box does not "beat trilinear", however its P(k) looks.
     */
    static String versusTrilinear(ValidationReport r, String name) {
        List<String> wins = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String kind : List.of(Checks.POWER, Checks.CORRELATION, Checks.HALOS, Checks.MASS_FUNCTION)) {
            double sr = measured(r, name, kind);
            double tri = measured(r, ValidationReport.TRILINEAR, kind);
            if (Double.isNaN(sr) || Double.isNaN(tri)) {
                continue;
            }
            // r(k) is better when higher; every other check measures a miss, better when lower.
            double gain = kind.equals(Checks.CORRELATION) ? sr - tri : tri - sr;
            String label = switch (kind) {
                case Checks.POWER -> String.format(Locale.ROOT, "P(k) %.1f %% vs %.1f %%", 100 * sr, 100 * tri);
                case Checks.CORRELATION -> String.format(Locale.ROOT, "min r %.3f vs %.3f", sr, tri);
                case Checks.HALOS -> String.format(Locale.ROOT, "halo count off by %.0f %% vs %.0f %%", 100 * sr, 100 * tri);
                default -> String.format(Locale.ROOT, "mass-function bins beyond 2 sigma %d vs %d", (int) sr, (int) tri);
            };
            values.add(label);
            if (gain > TIE) {
                wins.add(kind);
            } else if (gain < -TIE) {
                losses.add(kind);
            }
        }
        String detail = " (" + String.join(", ", values) + ")";
        if (losses.isEmpty() && !wins.isEmpty()) {
            return "beats trilinear" + detail;
        }
        if (wins.isEmpty()) {
            return "no better than trilinear" + detail;
        }
        return "beats trilinear in " + String.join(" and ", wins) + " but not in " + String.join(" and ", losses) + detail;
    }

    /**
     * How far SR is from what a perfect model reaches: its P(k) error and halo-count error next to
     * the twin's (the twin's are the floor: no model of the LR box can be expected to do better).
     */
    static String versusFloor(ValidationReport r, String name, String floor) {
        List<String> parts = new ArrayList<>();
        for (String kind : List.of(Checks.POWER, Checks.HALOS, Checks.MONOPOLE, Checks.QUADRUPOLE)) {
            double s = measured(r, name, kind);
            double f = measured(r, floor, kind);
            if (!Double.isNaN(s) && !Double.isNaN(f)) {
                parts.add(String.format(Locale.ROOT, "%s %.1f %% vs %.1f %% (%+.1f points)", kind, 100 * s, 100 * f, 100 * (s - f)));
            }
        }
        return "against the floor " + floor + ": " + (parts.isEmpty() ? "nothing to compare" : String.join(", ", parts));
    }

    private static double measured(ValidationReport r, String dataset, String kind) {
        ValidationReport.Check c = r.check(dataset, kind);
        return c == null ? Double.NaN : c.measured();
    }

    /** First index from which every element equals {@code v} (closer.length when the last differs). */
    private static int firstFromWhichAll(boolean[] a, boolean v) {
        int i = a.length;
        while (i > 0 && a[i - 1] == v) {
            i--;
        }
        return i == a.length ? -1 : i;
    }

    /** Whether at least 3 in 4 of a[0..end) equal {@code v}: a few noisy large-scale bins do not hide a clear crossing. */
    private static boolean allUpTo(boolean[] a, int end, boolean v) {
        int same = 0;
        for (int i = 0; i < end; i++) {
            same += a[i] == v ? 1 : 0;
        }
        return same >= 0.75 * end;
    }
}
