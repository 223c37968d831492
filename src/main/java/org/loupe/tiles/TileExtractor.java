package org.loupe.tiles;

import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.LatticeSlab;

/**
 * Cuts matched examples out of whole-box lattice fields (channel-first, C order): the LR input
 * with its periodic halo, the HR target at anchor × s, and the trilinear upsampling of the LR
 * field on the HR sites of the target. All three are read through the same {@link Symmetry}, so
 * augmentation keeps LR site i and HR site s·i together.
 */
public final class TileExtractor {

    private final LatticeSlab lr;
    private final Grid hr;
    private final GeneratorGeometry geometry;
    private final int channels;
    private final Normalization norm;

    /**
     * @param lr LR field, C × N³ (C = 3 displacement, or 6 with velocity)
     * @param hr HR field, C × (sN)³, or null at inference time
     */
    public TileExtractor(Grid lr, Grid hr, GeneratorGeometry geometry, int channels, Normalization norm) {
        this(LatticeSlab.of(lr), hr, geometry, channels, norm);
    }

    /**
     * @param lr LR field, C × the planes the tiles read (all of them, or a slab of them, for one task of a split box)
     * @param hr HR field, C × (sN)³, or null at inference time
     */
    public TileExtractor(LatticeSlab lr, Grid hr, GeneratorGeometry geometry, int channels, Normalization norm) {
        if (lr.channels() < channels || (hr != null && hr.channels() < channels)) {
            throw new ShapeMismatchException("fields hold " + lr.channels() + " channels but " + channels + " are needed");
        }
        if (hr != null && hr.size() != geometry.scale() * lr.sitesPerSide()) {
            throw new ShapeMismatchException("HR lattice " + hr.size() + "^3 is not " + geometry.scale() + " x the LR lattice "
                    + lr.sitesPerSide() + "^3");
        }
        if (hr != null && Math.abs(hr.boxMpcH() - lr.boxMpcH()) > 1e-6 * lr.boxMpcH()) {
            throw new ShapeMismatchException("LR and HR boxes differ: " + lr.boxMpcH() + " vs " + hr.boxMpcH() + " Mpc/h");
        }
        this.lr = lr;
        this.hr = hr;
        this.geometry = geometry;
        this.channels = channels;
        this.norm = norm;
    }

    /** LR input: C × (c + 2p)³, normalised, sites (anchor − p ...) of the transformed LR field. */
    public float[] input(int[] anchor, Symmetry sym) {
        int m = geometry.inputSide();
        int p = geometry.haloCells();
        int n = lr.sitesPerSide();
        float[] out = new float[channels * m * m * m];
        int[] src = new int[3];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < m; y++) {
                for (int z = 0; z < m; z++) {
                    sym.sourceSite(anchor[0] - p + x, anchor[1] - p + y, anchor[2] - p + z, n, src);
                    int site = lr.site(src[0], src[1], src[2]);
                    for (int c = 0; c < channels; c++) {
                        out[((c * m + x) * m + y) * m + z] = (float) (value(lr.values(), lr.cellCount(), c, site, sym)
                                / norm.scale(c));
                    }
                }
            }
        }
        return out;
    }

    /**
     * HR target: C × o³ with o the network's output side, normalised: HR sites s·anchor − trim
     * ... of the transformed HR field, exactly the sites the valid convolutions produce (the
     * central s·c are the crop; the trim on each side also has full context, so it is trained too).
     */
    public float[] target(int[] anchor, Symmetry sym) {
        int t = geometry.outputSide();
        int s = geometry.scale();
        int off = -geometry.outputTrim();
        int n = hr.size();
        float[] out = new float[channels * t * t * t];
        int[] src = new int[3];
        for (int x = 0; x < t; x++) {
            for (int y = 0; y < t; y++) {
                for (int z = 0; z < t; z++) {
                    sym.sourceSite(s * anchor[0] + off + x, s * anchor[1] + off + y, s * anchor[2] + off + z, n, src);
                    int site = (src[0] * n + src[1]) * n + src[2];
                    for (int c = 0; c < channels; c++) {
                        out[((c * t + x) * t + y) * t + z] = (float) (value(hr.values(), hr.cellCount(), c, site, sym)
                                / norm.scale(c));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Trilinear upsampling of the transformed LR field at the target's HR sites (LR coordinate
     * anchor + (y − trim)/s), normalised: the baseline the network corrects.
     */
    public float[] upsampled(int[] anchor, Symmetry sym) {
        int t = geometry.outputSide();
        int s = geometry.scale();
        int off = -geometry.outputTrim();
        int n = lr.sitesPerSide();
        float[] out = new float[channels * t * t * t];
        int[] src = new int[3];
        double[] corner = new double[channels];
        for (int x = 0; x < t; x++) {
            int ix = anchor[0] + Math.floorDiv(x + off, s);
            double fx = (double) Math.floorMod(x + off, s) / s;
            for (int y = 0; y < t; y++) {
                int iy = anchor[1] + Math.floorDiv(y + off, s);
                double fy = (double) Math.floorMod(y + off, s) / s;
                for (int z = 0; z < t; z++) {
                    int iz = anchor[2] + Math.floorDiv(z + off, s);
                    double fz = (double) Math.floorMod(z + off, s) / s;
                    java.util.Arrays.fill(corner, 0);
                    for (int dx = 0; dx < 2; dx++) {
                        double wx = dx == 0 ? 1 - fx : fx;
                        for (int dy = 0; dy < 2; dy++) {
                            double wy = dy == 0 ? 1 - fy : fy;
                            for (int dz = 0; dz < 2; dz++) {
                                double w = wx * wy * (dz == 0 ? 1 - fz : fz);
                                if (w == 0) {
                                    continue;
                                }
                                sym.sourceSite(ix + dx, iy + dy, iz + dz, n, src);
                                int site = lr.site(src[0], src[1], src[2]);
                                for (int c = 0; c < channels; c++) {
                                    corner[c] += w * value(lr.values(), lr.cellCount(), c, site, sym);
                                }
                            }
                        }
                    }
                    for (int c = 0; c < channels; c++) {
                        out[((c * t + x) * t + y) * t + z] = (float) (corner[c] / norm.scale(c));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The initial conditions' small-scale modes over the input crop, s³ HR sites folded into the
     * channels of their LR cell (space to depth): 3·s³ × (c + 2p)³, channel (comp·s + dx)·s² + dy·s + dz
     * holding component comp at HR site s·(anchor − p + x) + (dx, dy, dz) of the transformed field
     * {@code ics} (3 × (sN)³, unit rms, not normalised further).
     */
    public float[] icInput(Grid ics, int[] anchor, Symmetry sym) {
        int m = geometry.inputSide();
        int p = geometry.haloCells();
        int s = geometry.scale();
        int n = ics.size();
        if (n != s * lr.sitesPerSide()) {
            throw new ShapeMismatchException("initial-condition field " + n + "^3 is not " + s + " x the LR lattice "
                    + lr.sitesPerSide() + "^3");
        }
        int s3 = s * s * s;
        float[] out = new float[3 * s3 * m * m * m];
        int[] src = new int[3];
        int cells = ics.cellCount();
        float[] v = ics.values();
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < m; y++) {
                for (int z = 0; z < m; z++) {
                    int site = (x * m + y) * m + z;
                    for (int dx = 0; dx < s; dx++) {
                        for (int dy = 0; dy < s; dy++) {
                            for (int dz = 0; dz < s; dz++) {
                                sym.sourceSite(s * (anchor[0] - p + x) + dx, s * (anchor[1] - p + y) + dy,
                                        s * (anchor[2] - p + z) + dz, n, src);
                                int from = (src[0] * n + src[1]) * n + src[2];
                                int sub = (dx * s + dy) * s + dz;
                                for (int c = 0; c < 3; c++) {
                                    out[(c * s3 + sub) * m * m * m + site] = (float) value(v, cells, c, from, sym);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Component c of the transformed field at a source site: s_c · F_{π(c)} (velocity likewise). */
    private static double value(float[] values, int cells, int c, int site, Symmetry sym) {
        int group = c / 3 * 3;
        int comp = c % 3;
        return sym.componentSign(comp) * values[(group + sym.sourceComponent(comp)) * cells + site];
    }
}
