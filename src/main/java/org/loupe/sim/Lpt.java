package org.loupe.sim;

import org.loupe.Parallel;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Fft3d.Spectrum;

/**
 * Lagrangian perturbation theory displacements on the N³ lattice from today's linear δ_k
 * (Scoccimarro 1998): x = q + D₁ Ψ₁ + D₂ Ψ₂ with Ψ₁ = −∇φ₁, ∇²φ₁ = δ, and Ψ₂ = ∇φ₂,
 * ∇²φ₂ = Σ_{i&gt;j} (φ₁,ii φ₁,jj − φ₁,ij²); D₂ ≈ −3/7 D₁² carries the sign.
 *
 * <p>Both fields are returned as 3 × N³ arrays (channel first, C order), in Mpc/h per unit D.
 */
public final class Lpt {

    private final Fft3d fft;
    private final int threads;

    public Lpt(Fft3d fft, int threads) {
        this.fft = fft;
        this.threads = threads;
    }

    /** Ψ₁ = −∇φ₁: in Fourier space i k δ_k / k². */
    public float[] firstOrder(Spectrum delta, double boxMpcH) {
        int n = delta.n();
        float[] out = new float[3 * n * n * n];
        for (int c = 0; c < 3; c++) {
            final int axis = c;
            Spectrum s = multiply(delta, boxMpcH, (k, kk) -> new double[] {0, k[axis] / kk});
            System.arraycopy(fft.inverse(s), 0, out, c * n * n * n, n * n * n);
        }
        return out;
    }

    /** Ψ₂ = ∇φ₂ with ∇²φ₂ the 2LPT source: in Fourier space −i k S₂(k) / k². */
    public float[] secondOrder(Spectrum delta, double boxMpcH) {
        int n = delta.n();
        int cells = n * n * n;
        // φ₁,ij = k_i k_j δ_k / k² (φ₁ = −δ_k/k², ∂i∂j → −k_i k_j).
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        float[][] phi = new float[6][];
        for (int p = 0; p < 6; p++) {
            final int a = pairs[p][0];
            final int b = pairs[p][1];
            phi[p] = fft.inverse(multiply(delta, boxMpcH, (k, kk) -> new double[] {k[a] * k[b] / kk, 0}));
        }
        float[] source = new float[cells];
        Parallel.forEach(16, threads, r -> {
            int lo = (int) ((long) cells * r / 16);
            int hi = (int) ((long) cells * (r + 1) / 16);
            for (int x = lo; x < hi; x++) {
                double xx = phi[0][x];
                double yy = phi[1][x];
                double zz = phi[2][x];
                double xy = phi[3][x];
                double xz = phi[4][x];
                double yz = phi[5][x];
                source[x] = (float) (xx * yy + xx * zz + yy * zz - xy * xy - xz * xz - yz * yz);
            }
        });
        Spectrum s2 = fft.forward(source, n);
        float[] out = new float[3 * cells];
        for (int c = 0; c < 3; c++) {
            final int axis = c;
            Spectrum s = multiply(s2, boxMpcH, (k, kk) -> new double[] {0, -k[axis] / kk});
            System.arraycopy(fft.inverse(s), 0, out, c * cells, cells);
        }
        return out;
    }


    /** A factor (re, im) of a mode from its wavevector k (h/Mpc) and k². */
    @FunctionalInterface
    interface Kernel {
        double[] factor(double[] k, double kk);
    }

    /** δ_k times a kernel of the wavevector; the k = 0 mode and Nyquist components are zeroed. */
    private Spectrum multiply(Spectrum in, double boxMpcH, Kernel kernel) {
        double kf = 2 * Math.PI / boxMpcH;
        return ModeMultiply.apply(in, threads, (nx, ny, nz, out) -> {
            double[] k = {kf * nx, kf * ny, kf * nz};
            double[] f = kernel.factor(k, k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
            out[0] = f[0];
            out[1] = f[1];
        });
    }
}
