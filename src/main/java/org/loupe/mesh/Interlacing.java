package org.loupe.mesh;

import org.loupe.Parallel;
import org.loupe.ShapeMismatchException;

/**
 * Interlacing (docs/conventions.md; Sefusatti et al. 2016): combines the Fourier field of a grid with
 * that of a grid painted with every particle shifted by +H/2 along each axis (H = L/N).
 *
 * <p>Shifting the particles by s multiplies their Fourier field by e^{−ik·s}, so the shifted field
 * is brought back with e^{+ik·s}, k·s = π(n_x + n_y + n_z)/N. The images that aliasing folds onto
 * a mode come from k + 2k_Nyq·m; for odd m_x + m_y + m_z they pick up an extra phase of −1 and
 * cancel in the average, which removes the dominant aliasing contributions.
 *
 * <p>The Nyquist index counts as +N/2, as in the window compensation. A half-cell shift cannot be
 * represented exactly on a Nyquist plane, so there the result is not Hermitian; the power
 * spectrum, which only reads one mode of each ±k pair, is unaffected.
 */
public final class Interlacing {

    private Interlacing() {
    }

    /**
     * Overwrites {@code plain} with (plain + e^{iπ(n_x+n_y+n_z)/N} · shifted) / 2 and returns it.
     *
     * @param plain spectrum of the grid painted without shift (overwritten)
     * @param shifted spectrum of the grid painted with every particle moved by +L/(2N) on each axis
     */
    public static Fft3d.Spectrum combine(Fft3d.Spectrum plain, Fft3d.Spectrum shifted, int threads) {
        int n = plain.n();
        if (shifted.n() != n) {
            throw new ShapeMismatchException("interlacing: grids differ (" + n + "^3 vs " + shifted.n() + "^3)");
        }
        // e^{iπ n/N} per axis; the phase of a mode is the product of three of them.
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            double phase = Math.PI * Fft3d.Spectrum.wavenumber(i, n) / n;
            cos[i] = Math.cos(phase);
            sin[i] = Math.sin(phase);
        }
        int h = plain.halfZ();
        double[] a = plain.data();
        double[] b = shifted.data();
        Parallel.forEach(n, threads, i -> {
            for (int j = 0; j < n; j++) {
                double cxy = cos[i] * cos[j] - sin[i] * sin[j];
                double sxy = sin[i] * cos[j] + cos[i] * sin[j];
                int row = plain.index(i, j, 0);
                for (int kz = 0; kz < h; kz++) {
                    double c = cxy * cos[kz] - sxy * sin[kz];
                    double s = sxy * cos[kz] + cxy * sin[kz];
                    int o = row + 2 * kz;
                    double br = b[o] * c - b[o + 1] * s;
                    double bi = b[o] * s + b[o + 1] * c;
                    a[o] = 0.5 * (a[o] + br);
                    a[o + 1] = 0.5 * (a[o + 1] + bi);
                }
            }
        });
        return plain;
    }
}
