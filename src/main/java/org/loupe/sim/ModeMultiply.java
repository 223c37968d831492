package org.loupe.sim;

import org.loupe.Parallel;
import org.loupe.mesh.Fft3d.Spectrum;

/**
 * Multiplies every mode of a half-complex spectrum by a complex factor of its integer wavenumber;
 * the k = 0 mode and the Nyquist planes are zeroed (an odd operator of a real field is
 * ill-defined there, and the ICs never hold them). The one mode loop of LPT and the force mesh.
 */
final class ModeMultiply {

    /** Writes the factor (re, im) of mode (nx, ny, nz) into {@code out}. */
    @FunctionalInterface
    interface Factor {
        void at(int nx, int ny, int nz, double[] out);
    }

    private ModeMultiply() {
    }

    static Spectrum apply(Spectrum in, int threads, Factor factor) {
        int n = in.n();
        Spectrum out = Spectrum.zeros(n);
        double[] src = in.data();
        double[] dst = out.data();
        Parallel.forEach(n, threads, i -> {
            double[] f = new double[2];
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < in.halfZ(); kz++) {
                    if ((nx == 0 && ny == 0 && kz == 0) || Spectrum.isNyquist(nx, n) || Spectrum.isNyquist(ny, n)
                            || Spectrum.isNyquist(kz, n)) {
                        continue;
                    }
                    factor.at(nx, ny, kz, f);
                    int at = in.index(i, j, kz);
                    double re = src[at];
                    double im = src[at + 1];
                    dst[at] = re * f[0] - im * f[1];
                    dst[at + 1] = re * f[1] + im * f[0];
                }
            }
        });
        return out;
    }
}
