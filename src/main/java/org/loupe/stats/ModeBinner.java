package org.loupe.stats;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Fft3d;
import org.loupe.Parallel;
import org.loupe.mesh.Window;

/**
 * Sums over the independent Fourier modes of one or two half spectra, binned in |k|, exactly as
 * Pylians' {@code Pk_library} selects and bins them (docs/conventions.md):
 * <ul>
 *   <li>one mode per ±k pair: n_z ∈ [0, ⌊N/2⌋]; on the n_z = 0 and n_z = N/2 planes keep n_x ≥ 0,
 *       and on their n_x ∈ {0, N/2} lines keep n_y ≥ 0 (N/2 planes exist only for even N);</li>
 *   <li>bin b = ⌊|n| / w⌋ with |n| = |k|/k_F and w the bin width in k_F; the DC mode is left
 *       out (for w = 1 that is Pylians' dropping of bin 0);</li>
 *   <li>window compensation δ_k / Π_i sinc^p(π n_i/N), the Nyquist index counting as +N/2.</li>
 * </ul>
 *
 * <p>Determinism: x-planes are grouped into fixed slabs of {@value #SLAB} planes; each slab sums
 * into its own partial arrays, and the partials are added in slab order. The result is the same
 * bit for bit for any thread count.
 */
final class ModeBinner {

    /** x-planes per partial sum. */
    static final int SLAB = 8;

    /** Bins per sum array; each slab holds seven such arrays, so this bounds memory (≈ 56 MB per slab). */
    static final int MAX_BINS = 1_000_000;

    /** Per-bin sums, indexed by bin; the DC mode is in none of them. */
    static final class Sums {
        final double[] sumN;   // Σ |n| (k in units of k_F)
        final double[] aa;     // Σ |a|²
        final double[] aa2;    // Σ |a|² L2(μ)
        final double[] aa4;    // Σ |a|² L4(μ)
        final double[] bb;     // Σ |b|²
        final double[] ab;     // Σ Re(a b*)
        final long[] count;

        Sums(int bins) {
            sumN = new double[bins];
            aa = new double[bins];
            aa2 = new double[bins];
            aa4 = new double[bins];
            bb = new double[bins];
            ab = new double[bins];
            count = new long[bins];
        }

        int bins() {
            return count.length;
        }

        void add(Sums o) {
            for (int b = 0; b < count.length; b++) {
                sumN[b] += o.sumN[b];
                aa[b] += o.aa[b];
                aa2[b] += o.aa2[b];
                aa4[b] += o.aa4[b];
                bb[b] += o.bb[b];
                ab[b] += o.ab[b];
                count[b] += o.count[b];
            }
        }
    }

    private ModeBinner() {
    }

    /**
     * Bins field {@code a} (and optionally {@code b} for cross sums), each divided by its window
     * (null = no compensation).
     */
    static Sums bin(Fft3d.Spectrum a, Window windowA, Fft3d.Spectrum b, Window windowB,
                    int losAxis, double binWidthKf, int threads) {
        int n = a.n();
        if (b != null && b.n() != n) {
            throw new ShapeMismatchException("cross power: grids differ (" + n + "^3 vs " + b.n() + "^3)");
        }
        int m = n / 2;
        double binsNeeded = Math.sqrt((double) (3 * m * m)) / binWidthKf + 1;
        if (binsNeeded > MAX_BINS) {
            throw new ConfigException("a bin width of " + binWidthKf + " k_F makes " + (long) binsNeeded + " bins on a "
                    + n + "^3 mesh (at most " + MAX_BINS + "): use a wider bin");
        }
        int bins = (int) binsNeeded;
        double[] ca = compensation(n, windowA);
        double[] cb = compensation(n, windowB);
        int slabs = (n + SLAB - 1) / SLAB;
        Sums[] partial = new Sums[slabs];
        Parallel.forEach(slabs, threads, s -> {
            Sums sums = new Sums(bins);
            for (int i = s * SLAB; i < Math.min(n, (s + 1) * SLAB); i++) {
                binPlane(i, a, ca, b, cb, losAxis, binWidthKf, sums);
            }
            partial[s] = sums;
        });
        Sums total = new Sums(bins);
        for (Sums p : partial) {
            total.add(p);
        }
        return total;
    }

    private static void binPlane(int i, Fft3d.Spectrum a, double[] ca, Fft3d.Spectrum b, double[] cb,
                                 int losAxis, double binWidthKf, Sums sums) {
        int n = a.n();
        boolean even = n % 2 == 0;
        int nyq = even ? n / 2 : Integer.MIN_VALUE;
        int h = a.halfZ();
        double[] da = a.data();
        double[] db = b == null ? null : b.data();
        int nx = Fft3d.Spectrum.wavenumber(i, n);
        for (int j = 0; j < n; j++) {
            int ny = Fft3d.Spectrum.wavenumber(j, n);
            int row = a.index(i, j, 0);
            for (int kz = 0; kz < h; kz++) {
                int nz = kz;
                if (nz == 0 || nz == nyq) {
                    // Only one of each ±k pair on the planes the half space shares with its mirror.
                    if (nx < 0) {
                        continue;
                    }
                    if ((nx == 0 || nx == nyq) && ny < 0) {
                        continue;
                    }
                }
                int k2 = nx * nx + ny * ny + nz * nz;
                if (k2 == 0) {
                    continue; // DC: δ has zero mean; skipping the mode (not bin 0) keeps wide bins whole
                }
                double kn = Math.sqrt((double) k2);
                int bin = (int) (kn / binWidthKf);
                int o = row + 2 * kz;
                double wa = ca[i] * ca[j] * ca[kz];
                double ar = da[o] * wa;
                double ai = da[o + 1] * wa;
                double pa = ar * ar + ai * ai;
                int npar = losAxis == 0 ? nx : losAxis == 1 ? ny : nz;
                double mu2 = (double) npar * npar / k2;
                sums.sumN[bin] += kn;
                sums.aa[bin] += pa;
                sums.aa2[bin] += pa * (3.0 * mu2 - 1.0) / 2.0;
                sums.aa4[bin] += pa * (35.0 * mu2 * mu2 - 30.0 * mu2 + 3.0) / 8.0;
                sums.count[bin]++;
                if (db != null) {
                    double wb = cb[i] * cb[j] * cb[kz];
                    double br = db[o] * wb;
                    double bi = db[o + 1] * wb;
                    sums.bb[bin] += br * br + bi * bi;
                    sums.ab[bin] += ar * br + ai * bi;
                }
            }
        }
    }

    /** 1 / sinc^p(π n/N) per array index (n signed, Nyquist +N/2); all ones without a window. */
    static double[] compensation(int n, Window window) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            int w = Fft3d.Spectrum.wavenumber(i, n);
            if (window == null || w == 0) {
                c[i] = 1.0;
            } else {
                double x = Math.PI * w / n;
                c[i] = Math.pow(x / Math.sin(x), window.order());
            }
        }
        return c;
    }
}
