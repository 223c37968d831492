package org.loupe.mesh;

/**
 * Shell-averaged power of a tile's density and the spectral mismatch of two tiles with its exact
 * gradient: the "spectral term" of the loss (issues "training" and "fidelity"), which asks the
 * generator for the right amount of small-scale power rather than the conditional mean a
 * pointwise loss rewards.
 *
 * <p>Bins are shells of integer |n| = 1 … ⌊o/2⌋ in units of the tile's fundamental mode (the
 * tile is treated as periodic; prediction and target share whatever its edges add). With X the
 * unnormalised FFT of ρ and P_b = Σ_{k∈b} |X_k|² / M_b (full-space sums, M_b modes), the mismatch
 * is m = (1/B) Σ_b (ln P_b − ln T_b)², scale-free, so every bin counts the same however steep the
 * spectrum. Its gradient: ∂|X_k|²/∂ρ(x) = 2 Re(X_k e^{ik·x}), hence
 * ∂m/∂ρ = 2 o³ · IFFT(c·X) with c(k) = 2(ln P_b − ln T_b)/(B P_b M_b) on the modes of bin b —
 * one forward and one inverse FFT per tile.
 */
public final class TileSpectrum {

    private final int n;
    private final Fft3d fft;
    /** Bin of each half-space mode (−1: not used), in {@link Fft3d.Spectrum#index} order / 2. */
    private final int[] binOf;
    /** 1 for modes on the kz = 0 (and kz = o/2) planes, else 2: the half space stands for both ±k. */
    private final double[] weight;
    private final double[] modes;
    private final int bins;

    public TileSpectrum(int n, Fft3d fft) {
        this.n = n;
        this.fft = fft;
        int hz = n / 2 + 1;
        this.bins = n / 2;
        this.binOf = new int[n * n * hz];
        this.weight = new double[n * n * hz];
        this.modes = new double[bins];
        for (int i = 0; i < n; i++) {
            int ki = Fft3d.Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int kj = Fft3d.Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < hz; kz++) {
                    int m = (i * n + j) * hz + kz;
                    int b = (int) Math.round(Math.sqrt((double) ki * ki + (double) kj * kj + (double) kz * kz)) - 1;
                    binOf[m] = b >= 0 && b < bins ? b : -1;
                    weight[m] = kz == 0 || (n % 2 == 0 && kz == n / 2) ? 1 : 2;
                    if (binOf[m] >= 0) {
                        modes[b] += weight[m];
                    }
                }
            }
        }
    }

    public int bins() {
        return bins;
    }

    /** P_b of an o³ field (C order), b = 0 … bins − 1 for |n| = 1 … ⌊o/2⌋. */
    public double[] power(double[] field) {
        return power(fft.forward(toFloat(field), n));
    }

    private double[] power(Fft3d.Spectrum s) {
        double[] p = new double[bins];
        double[] d = s.data();
        for (int m = 0; m < binOf.length; m++) {
            if (binOf[m] >= 0) {
                double re = d[2 * m];
                double im = d[2 * m + 1];
                p[binOf[m]] += weight[m] * (re * re + im * im);
            }
        }
        for (int b = 0; b < bins; b++) {
            p[b] /= modes[b];
        }
        return p;
    }

    /**
     * m = (1/B) Σ_b (ln P_b(out) − ln P_b(target))² over bins where both are positive; adds
     * {@code scale}·∂m/∂out to {@code gradOut} when it is not null.
     */
    public double mismatch(double[] out, double[] target, double[] gradOut, double scale) {
        Fft3d.Spectrum so = fft.forward(toFloat(out), n);
        double[] po = power(so);
        double[] pt = power(target);
        double m = 0;
        double[] c = new double[bins];
        for (int b = 0; b < bins; b++) {
            if (po[b] > 0 && pt[b] > 0) {
                double l = Math.log(po[b]) - Math.log(pt[b]);
                m += l * l / bins;
                c[b] = 2 * l / (bins * po[b] * modes[b]);
            }
        }
        if (gradOut != null) {
            double[] d = so.data();
            for (int k = 0; k < binOf.length; k++) {
                double f = binOf[k] >= 0 ? c[binOf[k]] : 0;
                d[2 * k] *= f;
                d[2 * k + 1] *= f;
            }
            float[] g = fft.inverse(so);
            double factor = 2.0 * n * n * n * scale;
            for (int i = 0; i < g.length; i++) {
                gradOut[i] += factor * g[i];
            }
        }
        return m;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
