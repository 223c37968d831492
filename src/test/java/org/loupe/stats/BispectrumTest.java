package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.ConfigException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;

/** The FFT shell bispectrum against a brute-force triangle count and a field with a known bispectrum. */
class BispectrumTest {

    private static final double BOX = 100.0;
    private static final int N = 32;
    private static final double KF = 2 * Math.PI / BOX;
    private static final DoubleUnaryOperator PK = k -> 50.0 * Math.pow(k / KF, -1.5);
    private static final double[] THETA = {0.2 * Math.PI, 0.5 * Math.PI, 0.8 * Math.PI};

    private static Grid quadratic(Grid g, double f) {
        float[] v = g.values().clone();
        for (int c = 0; c < v.length; c++) {
            v[c] = (float) (v[c] + f * (double) v[c] * v[c]);
        }
        return new Grid(g.size(), 1, g.boxMpcH(), v, g.info());
    }

    /** Full-space integer wavevectors with |n| in [centre − 1, centre + 1), as the estimator's shells. */
    private static List<int[]> shell(double centre, int n) {
        List<int[]> out = new ArrayList<>();
        for (int x = -n / 2 + 1; x <= n / 2; x++) {
            for (int y = -n / 2 + 1; y <= n / 2; y++) {
                for (int z = -n / 2 + 1; z <= n / 2; z++) {
                    double k = Math.sqrt((double) x * x + y * y + z * z);
                    if (k >= centre - 1 && k < centre + 1) {
                        out.add(new int[] {x, y, z});
                    }
                }
            }
        }
        return out;
    }

    /** Closed triangles q1 + q2 + q3 = 0 with q_i in shell i, by brute force. */
    private static long triangles(double c1, double c2, double c3, int n) {
        List<int[]> s1 = shell(c1, n);
        List<int[]> s2 = shell(c2, n);
        long count = 0;
        for (int[] a : s1) {
            for (int[] b : s2) {
                double k3 = Math.sqrt(Math.pow(a[0] + b[0], 2) + Math.pow(a[1] + b[1], 2) + Math.pow(a[2] + b[2], 2));
                if (k3 >= c3 - 1 && k3 < c3 + 1) {
                    count++;
                }
            }
        }
        return count;
    }

    /** δ = A [cos(ka·x) + cos(kb·x) + cos(kc·x)] with ka + kb + kc = 0. */
    private static Grid threeWaves(int n, int[] ka, int[] kb, double amp) {
        float[] v = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double pa = 2 * Math.PI * (ka[0] * i + ka[1] * j + ka[2] * k) / n;
                    double pb = 2 * Math.PI * (kb[0] * i + kb[1] * j + kb[2] * k) / n;
                    v[(i * n + j) * n + k] = (float) (amp * (Math.cos(pa) + Math.cos(pb) + Math.cos(pa + pb)));
                }
            }
        }
        return new Grid(n, 1, BOX, v, TestFields.unpainted());
    }

    @Test
    void threePlaneWavesClosingATriangleGiveTheAnalyticBispectrum() {
        // ka = (4,0,0), kb = (0,6,0), kc = −(4,6,0): |kc| = 7.21 lies in none of the other shells.
        double amp = 0.3;
        Grid g = threeWaves(N, new int[] {4, 0, 0}, new int[] {0, 6, 0}, amp);
        FourierDensity f = FourierDensity.of(g, new JTransformsFft3d(2));
        Bispectrum.Result r = new Bispectrum(new JTransformsFft3d(2), 2, true)
                .measure(f, 4 * KF, 6 * KF, new double[] {0.5 * Math.PI});
        double c3 = Math.sqrt(52);
        assertEquals(c3 * KF, r.k3()[0], 1e-12);
        long count = triangles(4, 6, c3, N);
        assertEquals(count, r.triangles()[0], 1e-6 * count);
        // Only (ka, kb, kc) and its mirror carry power: Σ δδδ = 2 (A N³/2)³ → B = A³ L⁶ / (4 count).
        double l3 = BOX * BOX * BOX;
        assertEquals(amp * amp * amp * l3 * l3 / (4.0 * count), r.b()[0], 1e-5 * Math.abs(r.b()[0]));
        // Shell powers: 2 (A N³/2)² over the shell's full-space modes → A² L³ / (2 M).
        assertEquals(amp * amp * l3 / (2.0 * shell(4, N).size()), r.pk1(), 1e-5 * r.pk1());
        assertEquals(amp * amp * l3 / (2.0 * shell(6, N).size()), r.pk2(), 1e-5 * r.pk2());
        assertEquals(amp * amp * l3 / (2.0 * shell(c3, N).size()), r.pk3()[0], 1e-5 * r.pk3()[0]);
        double q = r.b()[0] / (r.pk1() * r.pk2() + r.pk1() * r.pk3()[0] + r.pk2() * r.pk3()[0]);
        assertEquals(q, r.q()[0], 1e-12 * Math.abs(q));
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Grid g = quadratic(TestFields.gaussianField(16, BOX, PK, 1L), 0.3);
        FourierDensity f = FourierDensity.of(g, new JTransformsFft3d(1));
        Bispectrum.Result one = new Bispectrum(new JTransformsFft3d(1), 1, true).measure(f, 3 * KF, 3 * KF, THETA);
        Bispectrum.Result three = new Bispectrum(new JTransformsFft3d(3), 3, true).measure(f, 3 * KF, 3 * KF, THETA);
        assertArrayEquals(one.b(), three.b());
        assertArrayEquals(one.triangles(), three.triangles());
    }

    @Test
    void writesCsvWithItsMetadata(@TempDir Path dir) throws IOException {
        FourierDensity f = FourierDensity.of(TestFields.gaussianField(16, BOX, PK, 1L), new JTransformsFft3d(1));
        Bispectrum.Result r = new Bispectrum(new JTransformsFft3d(1), 1, true).measure(f, 3 * KF, 4 * KF, THETA);
        Path csv = dir.resolve("bk.csv");
        r.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.contains("# loupe: bispectrum"));
        assertTrue(lines.contains("# k1: " + 3 * KF));
        int header = lines.indexOf("theta,k3,B,Q,triangles,Pk3");
        assertEquals(THETA.length, lines.size() - header - 1);
        r.writeJson(dir.resolve("bk.json"));
        assertTrue(Files.readString(dir.resolve("bk.json")).contains("\"triangles\""));
    }

    @Test
    void rejectsDegenerateTriangles() {
        FourierDensity f = FourierDensity.of(TestFields.gaussianField(16, BOX, PK, 1L), new JTransformsFft3d(1));
        Bispectrum b = new Bispectrum(new JTransformsFft3d(1), 1, true);
        assertThrows(ConfigException.class, () -> b.measure(f, 3 * KF, 3 * KF, new double[] {Math.PI}));
        assertThrows(ConfigException.class, () -> b.measure(f, 0.5 * KF, 3 * KF, new double[] {1.0}));
    }
}
