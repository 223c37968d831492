package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TileSpectrumTest {

    private static final int O = 8;
    private final TileSpectrum spectrum = new TileSpectrum(O, new JTransformsFft3d(1));

    @Test
    void aPlaneWaveLandsInOneShell() {
        double[] f = new double[O * O * O];
        for (int i = 0; i < O; i++) {
            for (int j = 0; j < O; j++) {
                for (int k = 0; k < O; k++) {
                    f[(i * O + j) * O + k] = 2 * Math.cos(2 * Math.PI * (3 * i) / O);   // |n| = 3
                }
            }
        }
        double[] p = spectrum.power(f);
        for (int b = 0; b < p.length; b++) {
            if (b == 2) {
                // |X|² = (o³)² at n = ±3 along x, averaged over the modes of the |n| = 3 shell.
                assertTrue(p[b] > 1e3, "shell 3: " + p[b]);
            } else {
                assertEquals(0.0, p[b], 1e-6 * p[2], "shell " + (b + 1));
            }
        }
    }

    @Test
    void mismatchIsZeroForEqualSpectraAndItsGradientIsExact() {
        SplittableRandom g = new SplittableRandom(4);
        double[] a = new double[O * O * O];
        double[] b = new double[O * O * O];
        for (int i = 0; i < a.length; i++) {
            a[i] = g.nextGaussian();
            b[i] = 0.7 * g.nextGaussian();
        }
        // A periodic shift changes phases, not power.
        double[] shifted = new double[a.length];
        for (int i = 0; i < O; i++) {
            for (int j = 0; j < O; j++) {
                for (int k = 0; k < O; k++) {
                    shifted[(((i + 3) % O) * O + j) * O + (k + 5) % O] = a[(i * O + j) * O + k];
                }
            }
        }
        assertEquals(0.0, spectrum.mismatch(a, shifted, null, 1), 1e-9);
        double[] grad = new double[a.length];
        double m = spectrum.mismatch(a, b, grad, 2.5);
        assertTrue(m > 0.05, "different amplitudes mismatch: " + m);
        double h = 1e-3;
        for (int t = 0; t < 30; t++) {
            int i = g.nextInt(a.length);
            double x0 = a[i];
            a[i] = x0 + h;
            double up = spectrum.mismatch(a, b, null, 1);
            a[i] = x0 - h;
            double dn = spectrum.mismatch(a, b, null, 1);
            a[i] = x0;
            double numeric = 2.5 * (up - dn) / (2 * h);
            assertEquals(numeric, grad[i], 2e-3 * Math.abs(numeric) + 1e-5, "cell " + i);
        }
    }
}
