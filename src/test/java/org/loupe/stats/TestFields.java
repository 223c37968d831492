package org.loupe.stats;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** Small synthetic fields and catalogues for the statistics tests. */
final class TestFields {

    private TestFields() {
    }

    /** Metadata of a grid that was not painted (no window, no particles). */
    static GridInfo unpainted() {
        return GridInfo.lattice(GridKind.DENSITY_CONTRAST, Double.NaN, List.of());
    }

    /** Metadata of a grid painted with {@code window} (so the estimator compensates it). */
    static GridInfo painted(Window window) {
        return new GridInfo(GridKind.DENSITY_CONTRAST, window, false, Double.NaN, 0, List.of());
    }

    /** δ(x) = A cos(2π n·x/N) with x the cell index vector. */
    static Grid planeWave(int n, double box, int nx, int ny, int nz, double amplitude, GridInfo info) {
        float[] v = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    v[(i * n + j) * n + k] = (float) (amplitude * Math.cos(2 * Math.PI * ((double) nx * i + ny * j + nz * k) / n));
                }
            }
        }
        return new Grid(n, 1, box, v, info);
    }

    /**
     * A Gaussian random field with power spectrum {@code pk(k)} ((Mpc/h)³ vs h/Mpc): unit white
     * noise in real space, transformed, scaled by √(P N³/L³) so that ⟨|δ_k|²⟩ L³/N⁶ = P, and back.
     */
    static Grid gaussianField(int n, double box, DoubleUnaryOperator pk, long seed) {
        Random rng = new Random(seed);
        float[] white = new float[n * n * n];
        for (int c = 0; c < white.length; c++) {
            white[c] = (float) rng.nextGaussian();
        }
        Fft3d fft = new JTransformsFft3d(2);
        Fft3d.Spectrum s = fft.forward(white, n);
        double kF = 2 * Math.PI / box;
        double volumeFactor = (double) n * n * n / (box * box * box);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int kz = 0; kz < s.halfZ(); kz++) {
                    int nx = Fft3d.Spectrum.wavenumber(i, n);
                    int ny = Fft3d.Spectrum.wavenumber(j, n);
                    double k = kF * Math.sqrt((double) nx * nx + ny * ny + kz * kz);
                    double amp = k == 0 ? 0.0 : Math.sqrt(pk.applyAsDouble(k) * volumeFactor);
                    int o = s.index(i, j, kz);
                    s.data()[o] *= amp;
                    s.data()[o + 1] *= amp;
                }
            }
        }
        return new Grid(n, 1, box, fft.inverse(s), unpainted());
    }

    /** {@code count} particles uniformly at random in the box (a Poisson sample of a uniform field). */
    static Particles uniform(int count, double box, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[3 * count];
        for (int c = 0; c < x.length; c++) {
            x[c] = (float) (rng.nextDouble() * box);
            if (x[c] >= box) {
                x[c] = 0f;
            }
        }
        return new Particles(new Box(box), x, null, null, 1.0, null);
    }

    /**
     * Clustered particles: half uniform, half in Gaussian clumps of width {@code sigma} around
     * uniform centres, so there is real power out to small scales (and aliasing to see).
     */
    static Particles clumpy(int count, int perClump, double sigma, double box, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[3 * count];
        Box b = new Box(box);
        int uniform = count / 2;
        for (int p = 0; p < uniform; p++) {
            for (int a = 0; a < 3; a++) {
                x[3 * p + a] = b.wrap((float) (rng.nextDouble() * box));
            }
        }
        double[] centre = new double[3];
        for (int p = uniform; p < count; p++) {
            if ((p - uniform) % perClump == 0) {
                for (int a = 0; a < 3; a++) {
                    centre[a] = rng.nextDouble() * box;
                }
            }
            for (int a = 0; a < 3; a++) {
                x[3 * p + a] = b.wrap((float) (centre[a] + sigma * rng.nextGaussian()));
            }
        }
        return new Particles(b, x, null, null, 1.0, null);
    }
}
