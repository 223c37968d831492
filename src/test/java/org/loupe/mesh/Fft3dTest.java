package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;

/** The JTransforms-backed FFT against a naive DFT, on odd and even sizes. */
class Fft3dTest {

    private static float[] random(int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n * n * n];
        for (int c = 0; c < x.length; c++) {
            x[c] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** δ_k = Σ_x δ(x) e^{−2πi(n·x)/N} by brute force, for the stored half-space cell (i, j, kz). */
    private static double[] naive(float[] x, int n, int i, int j, int kz) {
        double re = 0;
        double im = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < n; c++) {
                    double phase = -2 * Math.PI * ((double) i * a + (double) j * b + (double) kz * c) / n;
                    double v = x[(a * n + b) * n + c];
                    re += v * Math.cos(phase);
                    im += v * Math.sin(phase);
                }
            }
        }
        return new double[] {re, im};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12})
    void forwardMatchesNaiveDft(int n) {
        float[] x = random(n, 11 + n);
        Fft3d.Spectrum s = new JTransformsFft3d(2).forward(x, n);
        double scale = Math.sqrt((double) n * n * n); // typical |δ_k| of unit white noise
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int kz = 0; kz < s.halfZ(); kz++) {
                    double[] want = naive(x, n, i, j, kz);
                    int o = s.index(i, j, kz);
                    assertEquals(want[0], s.data()[o], 1e-12 * scale * n, "re at " + i + "," + j + "," + kz);
                    assertEquals(want[1], s.data()[o + 1], 1e-12 * scale * n, "im at " + i + "," + j + "," + kz);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6, 7, 16, 17})
    void inverseUndoesForward(int n) {
        float[] x = random(n, 3 + n);
        Fft3d fft = new JTransformsFft3d(3);
        float[] back = fft.inverse(fft.forward(x, n));
        assertArrayEquals(x, back, 1e-5f);
    }

    @Test
    void nyquistIsPlusOrMinusHalfOfAnEvenAxisOnly() {
        org.junit.jupiter.api.Assertions.assertTrue(Fft3d.Spectrum.isNyquist(4, 8));
        org.junit.jupiter.api.Assertions.assertTrue(Fft3d.Spectrum.isNyquist(-4, 8));
        org.junit.jupiter.api.Assertions.assertFalse(Fft3d.Spectrum.isNyquist(3, 8));
        org.junit.jupiter.api.Assertions.assertFalse(Fft3d.Spectrum.isNyquist(3, 7), "an odd axis has no Nyquist mode");
        org.junit.jupiter.api.Assertions.assertTrue(Fft3d.Spectrum.isNyquist(Fft3d.Spectrum.wavenumber(4, 8), 8));
    }

    @Test
    void inverseOfASingleModeIsACosine() {
        // A stored half-space value v at n (n_z > 0) stands for v at n and v* at −n, so the inverse
        // is 2 Re(v e^{ik·x})/N³: v = N³/2 gives cos(k·x).
        int n = 8;
        Fft3d.Spectrum s = Fft3d.Spectrum.zeros(n);
        s.data()[s.index(1, 2, 3)] = 0.5 * n * n * n;
        float[] x = new JTransformsFft3d(2).inverse(s);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < n; c++) {
                    double want = Math.cos(2 * Math.PI * (a + 2.0 * b + 3.0 * c) / n);
                    assertEquals(want, x[(a * n + b) * n + c], 1e-6);
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        int n = 24;
        float[] x = random(n, 5);
        Fft3d.Spectrum one = new JTransformsFft3d(1).forward(x, n);
        Fft3d.Spectrum three = new JTransformsFft3d(3).forward(x, n);
        assertArrayEquals(one.data(), three.data());
        assertArrayEquals(new JTransformsFft3d(1).inverse(one), new JTransformsFft3d(3).inverse(one));
    }

    @Test
    void inputIsNotModified() {
        int n = 6;
        float[] x = random(n, 9);
        float[] copy = x.clone();
        Fft3d fft = new JTransformsFft3d(2);
        Fft3d.Spectrum s = fft.forward(x, n);
        double[] spec = s.data().clone();
        fft.inverse(s);
        assertArrayEquals(copy, x);
        assertArrayEquals(spec, s.data());
    }

    @Test
    void rejectsWrongLengths() {
        assertThrows(ShapeMismatchException.class, () -> new JTransformsFft3d(1).forward(new float[9], 2));
        assertThrows(ShapeMismatchException.class, () -> new Fft3d.Spectrum(4, new double[10]));
        // 1290³ needs 2.15e9 doubles: refused before anything is allocated.
        assertThrows(ConfigException.class, () -> Fft3d.Spectrum.zeros(1290));
    }
}
