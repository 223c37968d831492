package org.loupe.sim;

import org.loupe.Parallel;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Fft3d.Spectrum;
import org.loupe.mesh.MassAssignment;
import org.loupe.mesh.Readout;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/**
 * Particle-mesh gravity: F = −∇φ with ∇²φ = (3/2) Ω_m δ (lengths in Mpc/h, time in 1/H0), from a
 * CIC density on an M³ mesh, read out with CIC. Kernels: the exact Green's function −1/k² and
 * FastPM's 4-point finite-difference gradient (8 sin(kH) − sin(2kH))/(6H), no window
 * deconvolution.
 *
 * <p>Why this combination: on a mesh finer than the particle lattice (B = 2, 4) the lattice's own
 * harmonics alias back onto the particles, and anything that boosts the kernel near the mesh
 * Nyquist frequency turns them into spurious force. Measured on a 32³ lattice with a longitudinal
 * plane-wave displacement at k = k_Nyq(particles)/2, force ÷ linear-theory force at B = 2 / B = 4:
 * this kernel 1.03 / 0.98; finite-difference Laplacian 1.17 / 1.11; exact kernels with the CIC
 * window divided out twice 1.43 / 3.0 (see ForceMeshTest).
 */
public final class ForceMesh implements Gravity {

    private final int mesh;
    private final double boxMpcH;
    private final double omegaM;
    private final Fft3d fft;
    private final int threads;
    private final ForceSplit split;

    /** Pure PM: the whole force from the mesh. */
    public ForceMesh(int mesh, double boxMpcH, double omegaM, Fft3d fft, int threads) {
        this(mesh, boxMpcH, omegaM, fft, threads, null);
    }

    /**
     * The long-range part of a {@link ForceSplit} (null = pure PM): the potential is filtered with
     * exp(−k² r_s²) and the CIC window of painting and readout divided out, as GADGET-4's TreePM
     * does. The filter is ~1e-7 at the mesh Nyquist frequency for r_s = 1.25 cells, so the
     * deconvolution cannot lift the lattice's aliased harmonics into spurious force (the reason
     * pure PM keeps the window, see above).
     */
    public ForceMesh(int mesh, double boxMpcH, double omegaM, Fft3d fft, int threads, ForceSplit split) {
        this.mesh = mesh;
        this.boxMpcH = boxMpcH;
        this.omegaM = omegaM;
        this.fft = fft;
        this.threads = threads;
        this.split = split;
    }

    /** Accelerations at every particle, interleaved xyz (same layout as the positions). */
    @Override
    public float[] accelerations(Particles particles) {
        float[] rho = MassAssignment.paintMass(particles, mesh, Window.CIC, 0, threads);
        double mean = particles.totalMass() / ((double) mesh * mesh * mesh);
        for (int c = 0; c < rho.length; c++) {
            rho[c] = (float) (rho[c] / mean - 1);
        }
        Spectrum delta = fft.forward(rho, mesh);
        float[] out = new float[particles.positionsMpcH().length];
        if (split != null) {
            // One inverse FFT of the potential and the same 4-point gradient in real space (as
            // GADGET-4 does): half the transforms of one inverse per axis, which P3M calls often.
            float[] phi = fft.inverse(potential(delta));
            for (int axis = 0; axis < 3; axis++) {
                Readout.cic(realGradient(phi, axis), mesh, boxMpcH, particles.positionsMpcH(), out, axis, threads);
            }
            return out;
        }
        for (int axis = 0; axis < 3; axis++) {
            float[] force = fft.inverse(gradient(delta, axis));
            Readout.cic(force, mesh, boxMpcH, particles.positionsMpcH(), out, axis, threads);
        }
        return out;
    }

    /** φ(k) = −(3/2) Ω_m δ(k) exp(−k² r_s²) / (k² W²), Nyquist planes and k = 0 zeroed. */
    private Spectrum potential(Spectrum delta) {
        int n = delta.n();
        double kf = 2 * Math.PI / boxMpcH;
        double factor = -1.5 * omegaM;
        return ModeMultiply.apply(delta, threads, (nx, ny, nz, f) -> {
            double kk = kf * kf * ((double) nx * nx + (double) ny * ny + (double) nz * nz);
            f[0] = factor / kk * split.longRangeFilter(Math.sqrt(kk)) / cicWindowSquared(nx, ny, nz, n);
            f[1] = 0;
        });
    }

    /** F_axis = −∂φ/∂axis by the 4-point difference (8(φ₊₁ − φ₋₁) − (φ₊₂ − φ₋₂)) / 12H, periodic. */
    private float[] realGradient(float[] phi, int axis) {
        int n = mesh;
        float[] out = new float[phi.length];
        double scale = -1 / (12 * boxMpcH / n);
        int stride = axis == 0 ? n * n : axis == 1 ? n : 1;
        Parallel.forEach(n, threads, i -> {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int c = axis == 0 ? i : axis == 1 ? j : k;
                    int at = (i * n + j) * n + k;
                    int base = at - c * stride;
                    double p1 = phi[base + Math.floorMod(c + 1, n) * stride];
                    double m1 = phi[base + Math.floorMod(c - 1, n) * stride];
                    double p2 = phi[base + Math.floorMod(c + 2, n) * stride];
                    double m2 = phi[base + Math.floorMod(c - 2, n) * stride];
                    out[at] = (float) (scale * (8 * (p1 - m1) - (p2 - m2)));
                }
            }
        });
        return out;
    }

    /** F(k) = i·(3/2) Ω_m · D(k_axis) δ(k) / k², D the 4-point difference operator. */
    private Spectrum gradient(Spectrum delta, int axis) {
        double kf = 2 * Math.PI / boxMpcH;
        double factor = 1.5 * omegaM;
        double cell = boxMpcH / delta.n();
        return ModeMultiply.apply(delta, threads, (nx, ny, nz, f) -> {
            double kk = kf * kf * ((double) nx * nx + (double) ny * ny + (double) nz * nz);
            double kax = kf * (axis == 0 ? nx : axis == 1 ? ny : nz);
            double grad = (8 * Math.sin(kax * cell) - Math.sin(2 * kax * cell)) / (6 * cell);
            f[0] = 0;
            f[1] = factor * grad / kk;   // multiply by i·g
        });
    }

    /** W(k)² of CIC, Π sinc⁴(π m / n): once for painting, once for the readout. */
    private static double cicWindowSquared(int nx, int ny, int nz, int n) {
        double w = sinc(Math.PI * nx / n) * sinc(Math.PI * ny / n) * sinc(Math.PI * nz / n);
        return w * w * w * w;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(x) / x;
    }

}
