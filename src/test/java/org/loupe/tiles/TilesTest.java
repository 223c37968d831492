package org.loupe.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.ConfigException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;

class TilesTest {

    private static final Normalization UNIT = new Normalization(1, 1);

    @ParameterizedTest(name = "s={0} c={1} p={2}")
    @CsvSource({"2,16,1,32", "2,16,2,36", "4,8,2,36", "8,4,2,36", "2,8,3,24"})
    void generatorSizeArithmetic(int s, int c, int p, int out) {
        GeneratorGeometry g = new GeneratorGeometry(s, c, p);
        assertEquals(out, g.outputSide());
        assertEquals(s * c, g.targetSide());
        assertEquals((out - s * c) / 2, g.outputTrim());
        assertEquals(Integer.numberOfTrailingZeros(s), g.blocks());
    }

    @Test
    void tooSmallHaloIsExplained() {
        ConfigException e = assertThrows(ConfigException.class, () -> new GeneratorGeometry(4, 8, 1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void theCubeHas48DistinctSymmetries() {
        List<Symmetry> all = Symmetry.all();
        assertEquals(48, all.size());
        assertEquals(48, new HashSet<>(all).size());
        assertTrue(all.get(0).isIdentity());
    }

    /** Components must rotate with positions: the transform of ∇φ is ∇ of the transformed φ. */
    @Test
    void vectorComponentsTransformWithPositions() {
        int n = 8;
        double[] phi = new double[n * n * n];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextGaussian();
        }
        float[] grad = new float[3 * n * n * n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                for (int z = 0; z < n; z++) {
                    int site = (x * n + y) * n + z;
                    int[] r = {x, y, z};
                    for (int a = 0; a < 3; a++) {
                        int[] up = r.clone();
                        int[] dn = r.clone();
                        up[a] = (up[a] + 1) % n;
                        dn[a] = (dn[a] + n - 1) % n;
                        grad[a * n * n * n + site] = (float) (0.5 * (phi[idx(up, n)] - phi[idx(dn, n)]));
                    }
                }
            }
        }
        Grid field = new Grid(n, 3, 8.0, grad, GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
        GeneratorGeometry geo = new GeneratorGeometry(2, n - 2, 1);
        TileExtractor ex = new TileExtractor(field, null, geo, 3, UNIT);
        for (Symmetry sym : Symmetry.all()) {
            float[] tile = ex.input(new int[] {1, 1, 1}, sym);   // sites 0..n-1 of the transformed field
            int m = geo.inputSide();
            int[] src = new int[3];
            for (int x = 1; x < m - 1; x++) {
                for (int y = 1; y < m - 1; y++) {
                    for (int z = 1; z < m - 1; z++) {
                        int[] r = {x, y, z};
                        for (int a = 0; a < 3; a++) {
                            int[] up = r.clone();
                            int[] dn = r.clone();
                            up[a]++;
                            dn[a]--;
                            sym.sourceSite(up[0], up[1], up[2], n, src);
                            double pu = phi[idx(src, n)];
                            sym.sourceSite(dn[0], dn[1], dn[2], n, src);
                            double pd = phi[idx(src, n)];
                            assertEquals(0.5 * (pu - pd), tile[((a * m + x) * m + y) * m + z], 1e-5, sym + " component " + a);
                        }
                    }
                }
            }
        }
    }

    /** The HR target at s·u and the LR input at u come from the same Lagrangian site. */
    @Test
    void lrAndHrTilesStayAlignedUnderEverySymmetry() {
        int nl = 8;
        int s = 2;
        Grid lr = analytic(nl, 16.0);
        Grid hr = analytic(nl * s, 16.0);
        GeneratorGeometry geo = new GeneratorGeometry(s, 4, 2);
        TileExtractor ex = new TileExtractor(lr, hr, geo, 3, UNIT);
        SplittableRandom rng = new SplittableRandom(9);
        for (Symmetry sym : Symmetry.all()) {
            int[] anchor = {rng.nextInt(nl), rng.nextInt(nl), rng.nextInt(nl)};
            float[] in = ex.input(anchor, sym);
            float[] tg = ex.target(anchor, sym);
            float[] up = ex.upsampled(anchor, sym);
            int m = geo.inputSide();
            int t = geo.outputSide();
            int o = geo.outputTrim();
            for (int u = 0; u < geo.cropCells(); u++) {
                for (int c = 0; c < 3; c++) {
                    float lrValue = in[((c * m + u + 2) * m + 1 + 2) * m + 2 + 2];
                    float hrValue = tg[((c * t + s * u + o) * t + s + o) * t + 2 * s + o];
                    assertEquals(lrValue, hrValue, 1e-5, sym + " site " + u);
                    assertEquals(lrValue, up[((c * t + s * u + o) * t + s + o) * t + 2 * s + o], 1e-5, "upsampling keeps LR sites");
                }
            }
        }
    }

    @Test
    void trilinearMatchesAReferenceImplementation() {
        int n = 6;
        int s = 4;
        Grid lr = analytic(n, 12.0);
        GeneratorGeometry geo = new GeneratorGeometry(s, 3, 2);
        TileExtractor ex = new TileExtractor(lr, null, geo, 3, new Normalization(2.0, 1));
        int[] anchor = {5, 0, 3};
        float[] up = ex.upsampled(anchor, Symmetry.identity());
        int t = geo.outputSide();
        int o = geo.outputTrim();
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < t; x++) {
                for (int y = 0; y < t; y++) {
                    for (int z = 0; z < t; z++) {
                        double ref = reference(lr, c, anchor[0] + (x - o) / (double) s, anchor[1] + (y - o) / (double) s,
                                anchor[2] + (z - o) / (double) s) / 2.0;
                        assertEquals(ref, up[((c * t + x) * t + y) * t + z], 1e-5);
                    }
                }
            }
        }
    }

    private static double reference(Grid g, int c, double u, double v, double w) {
        int n = g.size();
        int i = (int) Math.floor(u);
        int j = (int) Math.floor(v);
        int k = (int) Math.floor(w);
        double fu = u - i;
        double fv = v - j;
        double fw = w - k;
        double sum = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 2; d++) {
                    double wt = (a == 0 ? 1 - fu : fu) * (b == 0 ? 1 - fv : fv) * (d == 0 ? 1 - fw : fw);
                    sum += wt * g.valueWrapped(c, i + a, j + b, k + d);
                }
            }
        }
        return sum;
    }

    /** A smooth periodic displacement field sampled on an n³ corner lattice of a box. */
    private static Grid analytic(int n, double box) {
        float[] v = new float[3 * n * n * n];
        double h = box / n;
        double w = 2 * Math.PI / box;
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                for (int z = 0; z < n; z++) {
                    int site = (x * n + y) * n + z;
                    double qx = x * h;
                    double qy = y * h;
                    double qz = z * h;
                    v[site] = (float) (Math.sin(w * qy) + 0.3 * Math.cos(w * qz + 1));
                    v[n * n * n + site] = (float) (Math.cos(w * qx) * 0.7 + Math.sin(2 * w * qz));
                    v[2 * n * n * n + site] = (float) (Math.sin(w * (qx + qy)) - 0.2);
                }
            }
        }
        return new Grid(n, 3, box, v, GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
    }

    private static int idx(int[] r, int n) {
        return (r[0] * n + r[1]) * n + r[2];
    }
}
