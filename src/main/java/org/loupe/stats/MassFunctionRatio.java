package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.loupe.ShapeMismatchException;

/**
 * One mass function divided by another bin by bin, e.g. super-resolved over high-resolution, with
 * their Poisson errors propagated as independent: σ_r² = (σ_a / b)² + (a σ_b / b²)², which is
 * r² (1/N_a + 1/N_b) when both bins hold halos. A bin with no numerator halos gets r = 0 and the
 * error of a single halo (√0 = 0 would claim certainty); a bin with no denominator halos gets NaN.
 *
 * @param numerator how the numerator's halos were found
 * @param denominator how the denominator's halos were found
 * @param log10MassEdges the shared bin edges, log10 M in Msun/h
 * @param countsNumerator halos per bin in the numerator
 * @param countsDenominator halos per bin in the denominator
 * @param ratio dn/dlog10M of the numerator over that of the denominator
 * @param error propagated Poisson error of {@code ratio}
 */
public record MassFunctionRatio(FofMeta numerator, FofMeta denominator, double[] log10MassEdges,
                                long[] countsNumerator, long[] countsDenominator, double[] ratio, double[] error) {

    /** {@code a} / {@code b}; both must use the same bin edges. */
    public static MassFunctionRatio of(MassFunction a, MassFunction b) {
        double[] ea = a.log10MassEdges();
        double[] eb = b.log10MassEdges();
        if (ea.length != eb.length) {
            throw new ShapeMismatchException("mass functions have " + a.size() + " and " + b.size()
                    + " bins; measure both with the same bin edges");
        }
        for (int i = 0; i < ea.length; i++) {
            if (Math.abs(ea[i] - eb[i]) > 1e-9 * Math.max(1, Math.abs(ea[i]))) {
                throw new ShapeMismatchException("mass function bin edge " + i + " differs (" + ea[i] + " vs " + eb[i]
                        + "); measure both with the same bin edges");
            }
        }
        int n = a.size();
        double[] r = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            double va = a.dndlog10m()[i];
            double vb = b.dndlog10m()[i];
            if (b.counts()[i] == 0) {
                r[i] = Double.NaN;
                err[i] = Double.NaN;
                continue;
            }
            // Per-halo weight of each bin: dn/dlog10M = N · unit.
            double unitA = 1.0 / (a.meta().volumeMpcH3() * (ea[i + 1] - ea[i]));
            double sa = a.counts()[i] == 0 ? unitA : a.error()[i];
            double sb = b.error()[i];
            r[i] = va / vb;
            err[i] = Math.sqrt(sa * sa / (vb * vb) + va * va * sb * sb / (vb * vb * vb * vb));
        }
        return new MassFunctionRatio(a.meta(), b.meta(), ea.clone(), a.counts().clone(), b.counts().clone(), r, err);
    }

    /** Number of bins. */
    public int size() {
        return ratio.length;
    }

    /** Writes CSV: both metadata sets (prefixed numerator./denominator.), then the columns. */
    public void writeCsv(Path path) {
        int n = size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] mid = new double[n];
        for (int b = 0; b < n; b++) {
            lo[b] = log10MassEdges[b];
            hi[b] = log10MassEdges[b + 1];
            mid[b] = 0.5 * (lo[b] + hi[b]);
        }
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"loupe", "mass function ratio"});
        h.add(new String[] {"units", "log10M of M in Msun/h; ratio of dn/dlog10M; Poisson errors propagated"});
        h.addAll(numerator.header("numerator."));
        h.addAll(denominator.header("denominator."));
        ResultTable.writeCsv(path, h, new String[] {"log10M_lo", "log10M_hi", "log10M", "count_numerator",
            "count_denominator", "ratio", "error"}, new Object[] {lo, hi, mid, countsNumerator, countsDenominator, ratio, error});
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }
}
