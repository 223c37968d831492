package org.loupe.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;

/**
 * The initial-condition input is read through the same symmetry as the HR target: folded back
 * from depth to space, it holds the transformed field at the target's sites.
 */
class IcInputTest {

    @Test
    void icInputFoldsTheTransformedHrFieldLikeTheTargetUnderEverySymmetry() {
        for (int scale : new int[] {2, 4}) {
            int nl = 6;
            int nh = scale * nl;
            GridInfo info = GridInfo.lattice(GridKind.DISPLACEMENT, 0, new ArrayList<>());
            Grid lr = new Grid(nl, 3, 12, random(3 * nl * nl * nl, 1), info);
            Grid hr = new Grid(nh, 3, 12, random(3 * nh * nh * nh, 2), info);
            GeneratorGeometry geo = new GeneratorGeometry(scale, 2, 3, 1);
            TileExtractor ex = new TileExtractor(lr, hr, geo, 3, new Normalization(1, 1));
            int[] anchor = {5, 0, 3};
            int m = geo.inputSide();
            int o = geo.outputSide();
            int s3 = scale * scale * scale;
            for (Symmetry sym : Symmetry.all()) {
                float[] ic = ex.icInput(hr, anchor, sym);
                float[] target = ex.target(anchor, sym);
                for (int x = 0; x < o; x++) {
                    for (int y = 0; y < o; y++) {
                        for (int z = 0; z < o; z++) {
                            int[] at = new int[3];
                            int[] sub = new int[3];
                            int[] local = {x, y, z};
                            for (int a = 0; a < 3; a++) {
                                // HR site of the target, relative to the input crop's first HR site.
                                int h = scale * anchor[a] - geo.outputTrim() + local[a] - scale * (anchor[a] - geo.haloCells());
                                at[a] = Math.floorDiv(h, scale);
                                sub[a] = Math.floorMod(h, scale);
                            }
                            int site = (at[0] * m + at[1]) * m + at[2];
                            int d = (sub[0] * scale + sub[1]) * scale + sub[2];
                            for (int c = 0; c < 3; c++) {
                                assertEquals(target[((c * o + x) * o + y) * o + z], ic[(c * s3 + d) * m * m * m + site], 0f,
                                        "scale " + scale + " " + sym + " component " + c);
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
