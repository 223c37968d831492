package org.loupe.stats;

import org.loupe.ShapeMismatchException;
import org.loupe.mesh.LatticeSlab;

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
     * The error sums of the sites of some x planes: the metric of a box too large to hold is the
     * {@link #plus} of its slabs' sums.
     *
     * @param boundary sum of |Ψ_SR − Ψ_HR|² over tile-face sites
     * @param boundarySites their number
     * @param interior the same sum over the other sites
     * @param interiorSites their number
     */
    public record Sums(double boundary, long boundarySites, double interior, long interiorSites) {

        /** The sums over the planes of {@code sr} (displacement, 3 channels), against the same planes of {@code hr}. */
        public static Sums of(LatticeSlab sr, LatticeSlab hr, int tileCells) {
            if (sr.xFrom() != hr.xFrom() || sr.xCount() != hr.xCount() || sr.sitesPerSide() != hr.sitesPerSide()
                    || sr.channels() != 3 || hr.channels() != 3) {
                throw new ShapeMismatchException("seam metric: SR and HR slabs differ (" + sr.xCount() + " planes from "
                        + sr.xFrom() + " vs " + hr.xCount() + " from " + hr.xFrom() + ")");
            }
            int n = sr.sitesPerSide();
            int cells = sr.cellCount();
            float[] a = sr.values();
            float[] h = hr.values();
            org.loupe.particles.Box box = new org.loupe.particles.Box(sr.boxMpcH());
            double sb = 0;
            double si = 0;
            long nb = 0;
            long ni = 0;
            for (int w = 0; w < sr.xCount(); w++) {
                boolean fx = onFace((sr.xFrom() + w) % n, tileCells);
                for (int y = 0; y < n; y++) {
                    boolean fy = onFace(y, tileCells);
                    for (int z = 0; z < n; z++) {
                        int site = (w * n + y) * n + z;
                        double e = 0;
                        for (int c = 0; c < 3; c++) {
                            double d = box.minimumImage(a[c * cells + site] - h[c * cells + site]);
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
            return new Sums(sb, nb, si, ni);
        }

        /** The sums of both sets of planes. */
        public Sums plus(Sums other) {
            return new Sums(boundary + other.boundary, boundarySites + other.boundarySites, interior + other.interior,
                    interiorSites + other.interiorSites);
        }

        /** The metric of the planes summed. */
        public SeamMetric metric(int tileCells) {
            double b = boundarySites == 0 ? Double.NaN : boundary / boundarySites;
            double i = interiorSites == 0 ? Double.NaN : interior / interiorSites;
            return new SeamMetric(b, i, b / i, tileCells);
        }
    }

    private static boolean onFace(int x, int tile) {
        int r = Math.floorMod(x, tile);
        return r == 0 || r == tile - 1;
    }
}
