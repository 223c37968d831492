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
public final class ForceMesh {

    private final int mesh;
    private final double boxMpcH;
    private final double omegaM;
    private final Fft3d fft;
    private final int threads;

    public ForceMesh(int mesh, double boxMpcH, double omegaM, Fft3d fft, int threads) {
        this.mesh = mesh;
        this.boxMpcH = boxMpcH;
        this.omegaM = omegaM;
        this.fft = fft;
        this.threads = threads;
    }

    /** Accelerations at every particle, interleaved xyz (same layout as the positions). */
    public float[] accelerations(Particles particles) {
        float[] rho = MassAssignment.paintMass(particles, mesh, Window.CIC, 0, threads);
        double mean = particles.totalMass() / ((double) mesh * mesh * mesh);
        for (int c = 0; c < rho.length; c++) {
            rho[c] = (float) (rho[c] / mean - 1);
        }
        Spectrum delta = fft.forward(rho, mesh);
        float[] out = new float[particles.positionsMpcH().length];
        for (int axis = 0; axis < 3; axis++) {
            float[] force = fft.inverse(gradient(delta, axis));
            Readout.cic(force, mesh, boxMpcH, particles.positionsMpcH(), out, axis, threads);
        }
        return out;
    }

    private Spectrum gradient(Spectrum delta, int axis) {
        int n = delta.n();
        Spectrum out = Spectrum.zeros(n);
        double kf = 2 * Math.PI / boxMpcH;
        double[] src = delta.data();
        double[] dst = out.data();
        double factor = 1.5 * omegaM;
        double cell = boxMpcH / n;
        Parallel.forEach(n, threads, i -> {
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < delta.halfZ(); kz++) {
                    int[] nv = {nx, ny, kz};
                    if ((nx == 0 && ny == 0 && kz == 0) || nyquist(nx, n) || nyquist(ny, n) || nyquist(kz, n)) {
                        continue;
                    }
                    double kk = kf * kf * ((double) nx * nx + (double) ny * ny + (double) kz * kz);
                    double kax = kf * nv[axis];
                    double grad = (8 * Math.sin(kax * cell) - Math.sin(2 * kax * cell)) / (6 * cell);
                    double g = factor * grad / kk;
                    int at = delta.index(i, j, kz);
                    // multiply by i·g: (re, im) → (−g·im, g·re)
                    dst[at] = -g * src[at + 1];
                    dst[at + 1] = g * src[at];
                }
            }
        });
        return out;
    }

    private static boolean nyquist(int m, int n) {
        return n % 2 == 0 && Math.abs(m) == n / 2;
    }
}
