package org.loupe.mesh;

import java.util.Objects;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;

/**
 * Real-to-complex 3-D FFT of an N³ periodic field (docs/conventions.md: δ_k = Σ_x δ(x) e^{−ik·x},
 * unnormalised forward transform).
 *
 * <p>The spectrum is the half space n_z ∈ [0, ⌊N/2⌋] of an explicit, easy-to-index layout
 * ({@link Spectrum}); x and y hold every index 0..N−1 (index i means n = i for i ≤ N/2 and i − N
 * above). {@link #inverse} is normalised, so {@code inverse(forward(x)) == x} up to rounding.
 */
public interface Fft3d {

    /** Forward r2c transform of a real N³ C-order array (i along x, k along z fastest). */
    Spectrum forward(float[] real, int n);

    /**
     * Inverse c2r transform, divided by N³. The input is left untouched. Imaginary parts that a
     * real field cannot have (n_z = 0 and n_z = N/2 lines along z) are ignored, as FFTW's c2r does.
     */
    float[] inverse(Spectrum spectrum);

    /**
     * Half complex spectrum: N × N × (⌊N/2⌋ + 1) complex values, interleaved re/im doubles, C
     * order with the n_z index fastest. The complex value of cell (i, j, kz) starts at
     * {@link #index(int, int, int)} (real part) and is followed by its imaginary part.
     *
     * @param n grid size N
     * @param data 2·N·N·(⌊N/2⌋+1) doubles
     */
    record Spectrum(int n, double[] data) {

        public Spectrum {
            Objects.requireNonNull(data, "data");
            long expected = length(n);
            if (data.length != expected) {
                throw new ShapeMismatchException("half spectrum of a " + n + "^3 grid needs " + expected
                        + " doubles, got " + data.length);
            }
        }

        /** A zero spectrum for an N³ grid. */
        public static Spectrum zeros(int n) {
            return new Spectrum(n, new double[checkedLength(n)]);
        }

        /** Number of n_z planes stored, ⌊N/2⌋ + 1. */
        public int halfZ() {
            return n / 2 + 1;
        }

        /** Offset of the real part of cell (i, j, kz) in {@link #data()}. */
        public int index(int i, int j, int kz) {
            return ((i * n + j) * halfZ() + kz) * 2;
        }

        /** Signed wavenumber of array index {@code i} on an axis of N cells: i ≤ N/2 → i, else i − N. */
        public static int wavenumber(int i, int n) {
            return i <= n / 2 ? i : i - n;
        }

        /**
         * True for the Nyquist wavenumber ±N/2 of an even axis: its mode is its own conjugate, so
         * an odd operator (a derivative) has no consistent value there.
         */
        public static boolean isNyquist(int wavenumber, int n) {
            return n % 2 == 0 && Math.abs(wavenumber) == n / 2;
        }

        /** A deep copy. */
        public Spectrum copy() {
            return new Spectrum(n, data.clone());
        }

        private static long length(int n) {
            return 2L * n * n * (n / 2 + 1);
        }

        /** Array length for an N³ grid, or a ConfigException when it cannot be one Java array. */
        static int checkedLength(int n) {
            if (n < 1) {
                throw new ConfigException("FFT grid size must be positive, got " + n);
            }
            long len = length(n);
            if (len > Integer.MAX_VALUE - 8) {
                throw new ConfigException("the half spectrum of a " + n + "^3 grid needs " + len
                        + " doubles, more than one Java array holds: use a grid of at most 1289^3");
            }
            return (int) len;
        }
    }
}
