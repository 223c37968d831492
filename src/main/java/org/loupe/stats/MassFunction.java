package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;

/**
 * Halo mass function dn/dlog10M in bins of log10 M, with Poisson errors √N / (V · Δlog10M).
 * M is in Msun/h (log10 M ≈ 12–15 for halos; Loupe's internal 1e10 Msun/h is converted), n in
 * (h/Mpc)³, V = L³ the box volume. Bins are half-open [lo, hi); halos outside all bins are left out.
 *
 * @param meta how the halos were found
 * @param log10MassEdges bin edges, log10(M / (Msun/h)), strictly increasing, bins + 1 values
 * @param counts halos per bin
 * @param dndlog10m number density per dex, (h/Mpc)³
 * @param error Poisson error of {@code dndlog10m}
 */
public record MassFunction(FofMeta meta, double[] log10MassEdges, long[] counts, double[] dndlog10m, double[] error) {

    /** Internal mass unit in Msun/h. */
    static final double MASS_UNIT_MSUN_H = 1e10;

    public MassFunction {
        Objects.requireNonNull(meta, "meta");
        checkEdges(log10MassEdges);
        int n = log10MassEdges.length - 1;
        if (counts.length != n || dndlog10m.length != n || error.length != n) {
            throw new ShapeMismatchException("mass function columns must have " + n + " bins (one fewer than the edges)");
        }
    }

    /** The mass function of {@code halos} in the bins with edges {@code log10MassEdges} (log10 M in Msun/h). */
    public static MassFunction measure(HaloCatalogue halos, double[] log10MassEdges) {
        double[] edges = log10MassEdges.clone();
        checkEdges(edges);
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        for (double m : halos.mass()) {
            double lm = Math.log10(m * MASS_UNIT_MSUN_H);
            int b = bin(edges, lm);
            if (b >= 0) {
                counts[b]++;
            }
        }
        double volume = halos.meta().volumeMpcH3();
        double[] dn = new double[bins];
        double[] err = new double[bins];
        for (int b = 0; b < bins; b++) {
            double norm = volume * (edges[b + 1] - edges[b]);
            dn[b] = counts[b] / norm;
            err[b] = Math.sqrt(counts[b]) / norm;
        }
        return new MassFunction(halos.meta(), edges, counts, dn, err);
    }

    /** The mass function in {@code bins} equal bins of log10 M from {@code log10Min} to {@code log10Max}. */
    public static MassFunction measure(HaloCatalogue halos, double log10Min, double log10Max, int bins) {
        return measure(halos, edges(log10Min, log10Max, bins));
    }

    /** {@code bins} + 1 equally spaced edges from {@code log10Min} to {@code log10Max}. */
    public static double[] edges(double log10Min, double log10Max, int bins) {
        if (bins < 1 || !(log10Max > log10Min) || Double.isInfinite(log10Max - log10Min)) {
            throw new ConfigException("mass function bins need bins >= 1 and log10 Mmin < log10 Mmax, got " + bins
                    + " bins from " + log10Min + " to " + log10Max);
        }
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            e[b] = log10Min + (log10Max - log10Min) * b / bins;
        }
        return e;
    }

    /** Number of bins. */
    public int size() {
        return counts.length;
    }

    /** Bin centres in log10 M (Msun/h). */
    public double[] log10MassCentres() {
        double[] c = new double[size()];
        for (int b = 0; b < c.length; b++) {
            c[b] = 0.5 * (log10MassEdges[b] + log10MassEdges[b + 1]);
        }
        return c;
    }

    /** This mass function divided by {@code denominator} bin by bin (same edges required). */
    public MassFunctionRatio ratio(MassFunction denominator) {
        return MassFunctionRatio.of(this, denominator);
    }

    /** Writes CSV: metadata lines, then columns log10M_lo,log10M_hi,log10M,count,dndlog10M,error. */
    public void writeCsv(Path path) {
        int n = size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int b = 0; b < n; b++) {
            lo[b] = log10MassEdges[b];
            hi[b] = log10MassEdges[b + 1];
        }
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"loupe", "mass function"});
        h.add(new String[] {"units", "log10M of M in Msun/h; dn/dlog10M in (h/Mpc)^3 per dex; error = sqrt(count)/(L^3 dlog10M)"});
        h.addAll(meta.header(""));
        ResultTable.writeCsv(path, h, new String[] {"log10M_lo", "log10M_hi", "log10M", "count", "dndlog10M", "error"},
                new Object[] {lo, hi, log10MassCentres(), counts, dndlog10m, error});
    }

    /** Reads a CSV written by {@link #writeCsv(Path)}. */
    public static MassFunction readCsv(Path path) {
        ResultTable.Parsed t = ResultTable.readCsv(path);
        String f = path.toString();
        PowerResult.requireKind(t.header().get("loupe"), "mass function", f);
        double[] lo = t.column("log10M_lo", f);
        double[] hi = t.column("log10M_hi", f);
        double[] edges = new double[lo.length + 1];
        System.arraycopy(lo, 0, edges, 0, lo.length);
        edges[lo.length] = hi.length == 0 ? Double.NaN : hi[hi.length - 1];
        return new MassFunction(FofMeta.fromHeader(t.header(), "", f), edges, t.longColumn("count", f),
                t.column("dndlog10M", f), t.column("error", f));
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }

    /** Reads a JSON file written by {@link #writeJson(Path)}. */
    public static MassFunction readJson(Path path) {
        return ResultTable.readJson(path, MassFunction.class);
    }

    /** Index of the half-open bin holding {@code v}, or −1. */
    private static int bin(double[] edges, double v) {
        if (!(v >= edges[0]) || !(v < edges[edges.length - 1])) {
            return -1;
        }
        int lo = 0;
        int hi = edges.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (v >= edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void checkEdges(double[] e) {
        if (e.length < 2) {
            throw new ConfigException("mass function needs at least two bin edges, got " + e.length);
        }
        for (int b = 0; b + 1 < e.length; b++) {
            if (!(e[b + 1] > e[b]) || Double.isInfinite(e[b]) || Double.isInfinite(e[b + 1])) {
                throw new ConfigException("mass function bin edges must be finite and strictly increasing; edge " + (b + 1)
                        + " is " + e[b + 1] + " after " + e[b]);
            }
        }
    }
}
