package org.loupe.cosmology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.loupe.FormatException;

/**
 * A power spectrum read from a two-column text file (k in h/Mpc, P in (Mpc/h)³, as CAMB and
 * CLASS write them; '#' comments), interpolated linearly in log-log and extrapolated as a power
 * law from the end segments. Optionally renormalised to a given σ8.
 */
public final class TabulatedPower implements PowerModel {

    private final double[] lnK;
    private final double[] lnP;
    private final double scale;

    private TabulatedPower(double[] lnK, double[] lnP, double scale) {
        this.lnK = lnK;
        this.lnP = lnP;
        this.scale = scale;
    }

    /** Reads {@code file}; {@code sigma8} &gt; 0 rescales to it, NaN keeps the file's amplitude. */
    public static TabulatedPower read(Path file, double sigma8) {
        List<double[]> rows = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file)) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("[\\s,]+");
                if (parts.length < 2) {
                    throw new FormatException(file + " line " + lineNo + ": expected two columns 'k P', got '" + t + "'");
                }
                double k = Double.parseDouble(parts[0]);
                double p = Double.parseDouble(parts[1]);
                if (!(k > 0) || !(p > 0) || Double.isInfinite(k) || Double.isInfinite(p)) {
                    throw new FormatException(file + " line " + lineNo + ": k and P must be positive finite numbers");
                }
                if (!rows.isEmpty() && k <= rows.get(rows.size() - 1)[0]) {
                    throw new FormatException(file + " line " + lineNo + ": k must increase from row to row");
                }
                rows.add(new double[] {k, p});
            }
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read power spectrum table: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new FormatException(file + ": not a number in the power spectrum table (" + e.getMessage() + ")", e);
        }
        if (rows.size() < 4) {
            throw new FormatException(file + ": a power spectrum table needs at least 4 rows, found " + rows.size());
        }
        double[] lk = new double[rows.size()];
        double[] lp = new double[rows.size()];
        for (int i = 0; i < lk.length; i++) {
            lk[i] = Math.log(rows.get(i)[0]);
            lp[i] = Math.log(rows.get(i)[1]);
        }
        TabulatedPower raw = new TabulatedPower(lk, lp, 1.0);
        if (Double.isNaN(sigma8)) {
            return raw;
        }
        double s2 = LinearPower.sigmaSquared(raw::power, 8.0);
        return new TabulatedPower(lk, lp, sigma8 * sigma8 / s2);
    }

    @Override
    public double power(double kHMpc) {
        if (kHMpc <= 0) {
            return 0;
        }
        double x = Math.log(kHMpc);
        int n = lnK.length;
        int i;
        if (x <= lnK[0]) {
            i = 0;
        } else if (x >= lnK[n - 1]) {
            i = n - 2;
        } else {
            int lo = 0;
            int hi = n - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (lnK[mid] <= x) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            i = lo;
        }
        double t = (x - lnK[i]) / (lnK[i + 1] - lnK[i]);
        return scale * Math.exp(lnP[i] + t * (lnP[i + 1] - lnP[i]));
    }
}
