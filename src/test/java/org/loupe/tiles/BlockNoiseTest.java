package org.loupe.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockNoiseTest {

    /** Two tiles that overlap see the same value at every shared site, including across the periodic boundary. */
    @Test
    void overlappingTilesAgreeSiteBySite() {
        int n = 8;
        int halo = 2;
        int side = 10;
        float[] a = BlockNoise.tile(5, 1, new int[] {0, 0, 0}, halo, n, side);
        float[] b = BlockNoise.tile(5, 1, new int[] {1, 0, 7}, halo, n, side);
        // Block 1 origin: F0 = anchor − halo, F1 = 2F0 + 2, F2 = 2F1 + 2, so one LR cell shifts it by 4 sites;
        // anchor z = 7 ≡ −1 (mod 8) shifts it by −4 sites.
        for (int x = 4; x < side; x++) {
            for (int y = 0; y < side; y++) {
                for (int z = 0; z < side - 4; z++) {
                    assertEquals(a[(x * side + y) * side + z], b[((x - 4) * side + y) * side + z + 4], 0f);
                }
            }
        }
    }

    /** Unit Gaussian: mean 0 and variance 1 within their sampling errors over 10⁵ sites; another seed is independent. */
    @Test
    void valuesAreUnitGaussian() {
        float[] v = BlockNoise.tile(9, 0, new int[] {0, 0, 0}, 0, 64, 46);
        float[] w = BlockNoise.tile(10, 0, new int[] {0, 0, 0}, 0, 64, 46);
        double m = 0;
        double s2 = 0;
        double cross = 0;
        for (int i = 0; i < v.length; i++) {
            m += v[i];
            s2 += v[i] * v[i];
            cross += v[i] * w[i];
        }
        int n = v.length;
        assertEquals(0, m / n, 5 / Math.sqrt(n));
        assertEquals(1, s2 / n, 5 * Math.sqrt(2.0 / n));
        assertEquals(0, cross / n, 5 / Math.sqrt(n));
    }
}
