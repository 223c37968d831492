package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loupe.ConfigException;
import org.loupe.mesh.Fft3d;
import org.loupe.Parallel;
import org.loupe.mesh.Window;

/**
 * Bispectrum of triangles (k1, k2, θ), θ the angle between k1 and k2, by the FFT shell estimator
 * of Pylians' {@code Bk_library.Bk}:
 * <ul>
 *   <li>shell i holds the modes with |k| ∈ [k_i − k_F, k_i + k_F) (window-compensated when asked);
 *       k3 = |k1 + k2| = √((k2 sin θ)² + (k2 cos θ + k1)²);</li>
 *   <li>δ_i(x) and I_i(x) are the inverse FFTs of δ_k and of 1 restricted to shell i;</li>
 *   <li>B = Σ_x δ1δ2δ3 / Σ_x I1I2I3 · L⁶/N⁹ (the mean of δ_k1 δ_k2 δ_k3 over closed triangles),
 *       P_i = Σ_x δ_i² / Σ_x I_i² · L³/N⁶, Q = B / (P1P2 + P1P3 + P2P3).</li>
 * </ul>
 * Costs two inverse FFTs per shell; sums over x are per x-plane partials added in order, so the
 * result does not depend on the thread count.
 */
public final class Bispectrum {

    /**
     * Bispectrum of one (k1, k2) pair for several angles. k in h/Mpc, B in (Mpc/h)⁶, P in (Mpc/h)³.
     *
     * @param meta the field it was measured on (bin width = shell width 2 k_F)
     * @param k1 first side
     * @param k2 second side
     * @param theta angles between k1 and k2, radians
     * @param k3 third side per angle
     * @param b bispectrum per angle
     * @param q reduced bispectrum per angle
     * @param triangles number of closed triangles k1 + k2 + k3 = 0 in the shells (full k space)
     * @param pk1 P of the k1 shell
     * @param pk2 P of the k2 shell
     * @param pk3 P of the k3 shell per angle
     */
    public record Result(PowerMeta meta, double k1, double k2, double[] theta, double[] k3, double[] b, double[] q,
                         double[] triangles, double pk1, double pk2, double[] pk3) {

        /** Writes CSV: metadata and k1, k2, P(k1), P(k2) as `# key: value` lines, then theta,k3,B,Q,triangles,Pk3. */
        public void writeCsv(Path path) {
            List<String[]> h = new ArrayList<>();
            h.add(new String[] {"loupe", "bispectrum"});
            h.add(new String[] {"units", "k in h/Mpc, B in (Mpc/h)^6, P in (Mpc/h)^3, theta in radians"});
            h.addAll(meta.header(""));
            h.add(new String[] {"k1", Double.toString(k1)});
            h.add(new String[] {"k2", Double.toString(k2)});
            h.add(new String[] {"pk1", Double.toString(pk1)});
            h.add(new String[] {"pk2", Double.toString(pk2)});
            ResultTable.writeCsv(path, h, new String[] {"theta", "k3", "B", "Q", "triangles", "Pk3"},
                    new Object[] {theta, k3, b, q, triangles, pk3});
        }

        /** Writes the whole record as JSON. */
        public void writeJson(Path path) {
            ResultTable.writeJson(path, this);
        }
    }

    private final Fft3d fft;
    private final int threads;
    private final boolean compensate;

    /** An estimator; {@code compensate} divides δ_k by the field's window as the power spectrum does. */
    public Bispectrum(Fft3d fft, int threads, boolean compensate) {
        this.fft = Objects.requireNonNull(fft, "fft");
        this.threads = Math.max(1, threads);
        this.compensate = compensate;
    }

    /** B(k1, k2, θ) for each θ in {@code theta}. */
    public Result measure(FourierDensity field, double k1, double k2, double[] theta) {
        double kF = 2 * Math.PI / field.boxMpcH();
        if (!(k1 >= kF) || !(k2 >= kF)) {
            throw new ConfigException("bispectrum sides must be at least k_F = " + kF + " h/Mpc, got k1 = " + k1 + ", k2 = " + k2);
        }
        Window window = compensate ? field.info().window() : null;
        Shell s1 = shell(field, window, k1 / kF);
        Shell s2 = k2 == k1 ? s1 : shell(field, window, k2 / kF);   // equilateral-type sides share one shell
        double[] k3 = new double[theta.length];
        double[] b = new double[theta.length];
        double[] q = new double[theta.length];
        double[] triangles = new double[theta.length];
        double[] pk3 = new double[theta.length];
        int n = field.size();
        double l = field.boxMpcH();
        double pNorm = Math.pow(l / ((double) n * n), 3);
        double bNorm = Math.pow(l * l / ((double) n * n * n), 3);
        double p1 = s1.power() * pNorm;
        double p2 = s2.power() * pNorm;
        for (int t = 0; t < theta.length; t++) {
            k3[t] = Math.sqrt(Math.pow(k2 * Math.sin(theta[t]), 2) + Math.pow(k2 * Math.cos(theta[t]) + k1, 2));
            if (k3[t] < kF) {
                // A degenerate triangle (k1 + k2 ≈ 0): its shell would hold DC, which δ does not have.
                throw new ConfigException("bispectrum: θ = " + theta[t] + " gives k3 = " + k3[t] + " < k_F; use angles away from π");
            }
            Shell s3 = shell(field, window, k3[t] / kF);
            double[] sums = tripleSums(s1, s2, s3);
            triangles[t] = sums[1] * Math.pow(n, 6); // Σ_x I1I2I3 = (closed triangles)/N⁶
            b[t] = sums[0] / sums[1] * bNorm;
            pk3[t] = s3.power() * pNorm;
            q[t] = b[t] / (p1 * p2 + p1 * pk3[t] + p2 * pk3[t]);
        }
        PowerSpec spec = PowerSpec.pylians().withCompensate(compensate).withBinWidth(2.0);
        return new Result(PowerMeta.of(field, spec), k1, k2, theta.clone(), k3, b, q, triangles, p1, p2, pk3);
    }

    /** δ_i(x) and I_i(x) of one shell, with Σδ²/ΣI² (unnormalised power). */
    private record Shell(float[] delta, float[] indicator, double power) {
    }

    private Shell shell(FourierDensity field, Window window, double centre) {
        Fft3d.Spectrum src = field.spectrum();
        int n = src.n();
        Fft3d.Spectrum d = Fft3d.Spectrum.zeros(n);
        Fft3d.Spectrum ind = Fft3d.Spectrum.zeros(n);
        double[] c = ModeBinner.compensation(n, window);
        int h = src.halfZ();
        Parallel.forEach(n, threads, i -> {
            int nx = Fft3d.Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Fft3d.Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < h; kz++) {
                    double k = Math.sqrt((double) nx * nx + ny * ny + kz * kz);
                    if (k >= centre - 1 && k < centre + 1) {
                        int o = src.index(i, j, kz);
                        double w = c[i] * c[j] * c[kz];
                        d.data()[o] = src.data()[o] * w;
                        d.data()[o + 1] = src.data()[o + 1] * w;
                        ind.data()[o] = 1.0;
                    }
                }
            }
        });
        float[] delta = fft.inverse(d);
        float[] indicator = fft.inverse(ind);
        double[] sums = planeSums(n, (i, acc) -> {
            for (int x = i * n * n; x < (i + 1) * n * n; x++) {
                acc[0] += (double) delta[x] * delta[x];
                acc[1] += (double) indicator[x] * indicator[x];
            }
        });
        return new Shell(delta, indicator, sums[1] == 0 ? Double.NaN : sums[0] / sums[1]);
    }

    private double[] tripleSums(Shell a, Shell b, Shell c) {
        int n = (int) Math.round(Math.cbrt(a.delta().length));
        return planeSums(n, (i, acc) -> {
            for (int x = i * n * n; x < (i + 1) * n * n; x++) {
                acc[0] += (double) a.delta()[x] * b.delta()[x] * c.delta()[x];
                acc[1] += (double) a.indicator()[x] * b.indicator()[x] * c.indicator()[x];
            }
        });
    }

    private interface PlaneSum {
        void add(int plane, double[] acc);
    }

    /** Two sums over x-planes: per-plane partials, added in plane order (thread-count independent). */
    private double[] planeSums(int n, PlaneSum body) {
        double[][] partial = new double[n][2];
        Parallel.forEach(n, threads, i -> body.add(i, partial[i]));
        double[] total = new double[2];
        for (double[] p : partial) {
            total[0] += p[0];
            total[1] += p[1];
        }
        return total;
    }
}
