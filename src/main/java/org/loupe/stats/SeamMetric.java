package org.loupe.stats;

/**
 * Whether stitched tiles show at their boundaries: the mean squared displacement error
 * |Ψ_SR − Ψ_HR|² on HR lattice sites that lie on a tile face (the first or last plane of a tile
 * along any axis) divided by the same on interior sites. 1 means the seams are invisible;
 * values well above 1 mean tiles disagree where they meet.
 *
 * @param boundaryError mean squared error on tile-face sites, (Mpc/h)²
 * @param interiorError mean squared error elsewhere, (Mpc/h)²
 * @param ratio boundaryError / interiorError
 * @param tileCells HR sites per tile side used
 */
public record SeamMetric(double boundaryError, double interiorError, double ratio, int tileCells) {

    /**
     * @param sr SR displacement, 3 × N³ channel-first
     * @param hr HR displacement of the same lattice
     * @param n lattice side
     * @param boxMpcH box side (for the minimum image of the difference)
     * @param tileCells HR sites per tile side (s × LR crop)
     */
    public static SeamMetric of(float[] sr, float[] hr, int n, double boxMpcH, int tileCells) {
        int cells = n * n * n;
        org.loupe.particles.Box box = new org.loupe.particles.Box(boxMpcH);
        double sb = 0;
        double si = 0;
        long nb = 0;
        long ni = 0;
        for (int x = 0; x < n; x++) {
            boolean fx = onFace(x, tileCells);
            for (int y = 0; y < n; y++) {
                boolean fy = onFace(y, tileCells);
                for (int z = 0; z < n; z++) {
                    int site = (x * n + y) * n + z;
                    double e = 0;
                    for (int c = 0; c < 3; c++) {
                        double d = box.minimumImage(sr[c * cells + site] - hr[c * cells + site]);
                        e += d * d;
                    }
                    if (fx || fy || onFace(z, tileCells)) {
                        sb += e;
                        nb++;
                    } else {
                        si += e;
                        ni++;
                    }
                }
            }
        }
        double b = nb == 0 ? Double.NaN : sb / nb;
        double i = ni == 0 ? Double.NaN : si / ni;
        return new SeamMetric(b, i, b / i, tileCells);
    }

    private static boolean onFace(int x, int tile) {
        int r = Math.floorMod(x, tile);
        return r == 0 || r == tile - 1;
    }
}
