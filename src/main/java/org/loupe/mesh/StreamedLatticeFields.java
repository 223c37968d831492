package org.loupe.mesh;

import java.util.List;

import org.loupe.FormatException;
import org.loupe.particles.Box;
import org.loupe.particles.Lattice;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * Displacement and velocity fields on the particle lattice built while the particles are read
 * (two or three passes over a {@link ParticleStream}), so memory holds the fields and one block,
 * not the particles (24 B per site instead of ~60). Same lattice detection, plausibility checks
 * and field values, bit for bit, as {@link Lattice#detect}, {@link Lattice#requirePlausible} and
 * {@link LagrangianFields#fields} on the particles in memory.
 */
public final class StreamedLatticeFields {

    /** Particles per block read (positions, velocities and IDs: 32 MB). */
    static final int BLOCK = 1 << 20;

    private StreamedLatticeFields() {
    }

    /**
     * The fields of a lattice snapshot.
     *
     * @param lattice the lattice the IDs fill
     * @param displacement Ψ, 3 channels, Mpc/h
     * @param velocity 3 channels, km/s, or null when not asked for
     */
    public record Fields(Lattice lattice, Grid displacement, Grid velocity) {
    }

    /**
     * Reads {@code stream} (which must carry IDs, and velocities when {@code velocity}) into
     * lattice fields; {@code offsetCells} 0 or ½, or NaN to detect it. {@code source} names the
     * input in errors.
     */
    public static Fields read(ParticleStream stream, double offsetCells, boolean velocity, double redshift,
                              List<SourceFile> sources, String source) {
        return fields(readSlabs(stream, offsetCells, velocity, 0, Integer.MAX_VALUE, source, true), redshift, sources);
    }

    /**
     * As {@link #read}, or null when the stream's IDs are not a lattice's (no IDs, or not N³
     * consecutive values): particles from anywhere, which are not an error for a caller that can
     * do without the fields. A lattice that fails the checks is still an error.
     */
    public static Fields readIfLattice(ParticleStream stream, double offsetCells, boolean velocity, double redshift,
                                       List<SourceFile> sources, String source) {
        Slabs f = readSlabs(stream, offsetCells, velocity, 0, Integer.MAX_VALUE, source, false);
        return f == null ? null : fields(f, redshift, sources);
    }

    private static Fields fields(Slabs f, double redshift, List<SourceFile> sources) {
        LatticeSlab d = f.displacement();
        LatticeSlab v = f.velocity();
        int n = d.sitesPerSide();
        return new Fields(f.lattice(), new Grid(n, 3, d.boxMpcH(), d.values(), GridInfo.lattice(GridKind.DISPLACEMENT, redshift,
                sources)), v == null ? null : new Grid(n, 3, v.boxMpcH(), v.values(), GridInfo.lattice(GridKind.VELOCITY,
                redshift, sources)));
    }

    /** The fields of {@link #readSlabs}: the lattice, Ψ (Mpc/h) and velocities (km/s, or null) on the planes held. */
    public record Slabs(Lattice lattice, LatticeSlab displacement, LatticeSlab velocity) {
    }

    /**
     * As {@link #read}, holding only planes [xFrom, xFrom + xCount) (periodic; all of them when
     * xCount ≥ N): what one task of a box split along x needs. Every particle is still read and
     * checked (lattice detection, unique IDs, plausibility from all displacements); only the planes
     * held cost memory.
     */
    public static Slabs readSlabs(ParticleStream stream, double offsetCells, boolean velocity, int xFrom, int xCount,
                                  String source) {
        return readSlabs(stream, offsetCells, velocity, xFrom, xCount, source, true);
    }

    /** As above; when the IDs are not a lattice's, an error if {@code required}, else null. */
    private static Slabs readSlabs(ParticleStream stream, double offsetCells, boolean velocity, int xFrom, int xCount,
                                   String source, boolean required) {
        long count = stream.count();
        int n = (int) Math.round(Math.cbrt(count));
        long[] range = idRange(stream, source, required);
        if (range == null || !fills(range, count)) {
            if (!required) {
                return null;
            }
            throw new FormatException(source + ": particle IDs do not fill an N^3 lattice, so no lattice field can be made");
        }
        Box box = stream.box();
        Lattice corner = new Lattice(n, range[0], 0.0, box);
        Lattice centre = new Lattice(n, range[0], 0.5, box);
        int planes = Math.min(xCount, n);
        int from = planes == n ? 0 : Math.floorMod(xFrom, n);
        int held = planes * n * n;
        float[] psi = new float[3 * held];
        float[] vel = velocity ? new float[3 * held] : null;
        Lattice first = Double.isNaN(offsetCells) ? corner : new Lattice(n, range[0], offsetCells, box);
        double[] means = new double[6];
        double rms = fill(stream, first, from, planes, psi, vel, true, means, source);
        Lattice lattice = first;
        if (Double.isNaN(offsetCells)) {
            double c0 = Math.sqrt(means[0] * means[0] + means[1] * means[1] + means[2] * means[2]) / count;
            double c1 = Math.sqrt(means[3] * means[3] + means[4] * means[4] + means[5] * means[5]) / count;
            if (c0 > c1) {
                // The centre lattice: Ψ once more, from the positions, as the in-memory path computes it.
                lattice = centre;
                rms = fill(stream, centre, from, planes, psi, null, false, new double[6], source);
            }
        }
        double rmsFinal = rms;
        lattice.requirePlausible(Lattice.implausibility(rmsFinal, () -> spread(psi, n, planes, box)), source);
        return new Slabs(lattice, new LatticeSlab(n, from, planes, 3, box.sizeMpcH(), psi),
                vel == null ? null : new LatticeSlab(n, from, planes, 3, box.sizeMpcH(), vel));
    }

    /** The smallest and largest ID (one pass); without IDs an error if {@code required}, else null. */
    private static long[] idRange(ParticleStream stream, String source, boolean required) {
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        boolean[] ids = {true};
        stream.forEachBlock(BLOCK, p -> {
            if (p.ids() == null) {
                if (required) {
                    throw new FormatException(source + ": the particles carry no IDs, so they cannot be put on a lattice");
                }
                ids[0] = false;
                return;
            }
            for (long id : p.ids()) {
                range[0] = Math.min(range[0], id);
                range[1] = Math.max(range[1], id);
            }
        });
        return ids[0] ? range : null;
    }

    private static boolean fills(long[] range, long count) {
        int n = (int) Math.round(Math.cbrt((double) count));
        return (long) n * n * n == count && range[1] - range[0] == count - 1;
    }

    /**
     * One pass: Ψ (and velocities) of every site for {@code lattice}; with {@code check}, every
     * site once and the sums of the corner and centre displacements in {@code means}. Returns
     * the RMS displacement as a fraction of the box.
     */
    private static double fill(ParticleStream stream, Lattice lattice, int xFrom, int xCount, float[] psi, float[] vel,
                               boolean check, double[] means, String source) {
        int n = lattice.sitesPerSide();
        int cells = n * n * n;
        int held = xCount * n * n;
        Box box = lattice.box();
        Lattice centre = new Lattice(n, lattice.firstId(), 0.5, box);
        long[] seen = check ? new long[(cells + 63) / 64] : null;
        double[] sum = {0};
        stream.forEachBlock(BLOCK, p -> {
            float[] x = p.positionsMpcH();
            long[] ids = p.ids();
            float[] v = p.velocitiesKmS();
            if (vel != null && v == null) {
                throw new FormatException(source + ": the particles carry no velocities, so no velocity field can be made");
            }
            for (int q = 0; q < p.count(); q++) {
                int site = lattice.siteIndex(ids[q]);
                if (seen != null) {
                    if ((seen[site >>> 6] & (1L << site)) != 0) {
                        throw new FormatException(source + ": particle ID " + ids[q] + " occurs twice (a lattice needs unique"
                                + " IDs): the IDs are not lattice IDs, or two snapshots' particles were merged");
                    }
                    seen[site >>> 6] |= 1L << site;
                }
                int i = site / (n * n);
                int j = (site / n) % n;
                int k = site % n;
                double dx = box.minimumImage(x[3 * q] - lattice.siteCoordinate(i));
                double dy = box.minimumImage(x[3 * q + 1] - lattice.siteCoordinate(j));
                double dz = box.minimumImage(x[3 * q + 2] - lattice.siteCoordinate(k));
                sum[0] += dx * dx + dy * dy + dz * dz;
                int w = Math.floorMod(i - xFrom, n);
                int local = w < xCount ? (w * n + j) * n + k : -1;
                if (local >= 0) {
                    psi[local] = (float) dx;
                    psi[held + local] = (float) dy;
                    psi[2 * held + local] = (float) dz;
                }
                if (check) {
                    // Lattice.detect's two hypotheses: corner (this pass) and centre, half a cell on.
                    means[0] += dx;
                    means[1] += dy;
                    means[2] += dz;
                    means[3] += box.minimumImage(x[3 * q] - centre.siteCoordinate(i));
                    means[4] += box.minimumImage(x[3 * q + 1] - centre.siteCoordinate(j));
                    means[5] += box.minimumImage(x[3 * q + 2] - centre.siteCoordinate(k));
                }
                if (vel != null && local >= 0) {
                    vel[local] = v[3 * q];
                    vel[held + local] = v[3 * q + 1];
                    vel[2 * held + local] = v[3 * q + 2];
                }
            }
        });
        return Math.sqrt(sum[0] / cells) / box.sizeMpcH();
    }

    /** Lattice.neighbourSpread on the field: RMS of Ψ(site + x̂) − Ψ(site), fraction of the box. */
    private static double spread(float[] psi, int n, int planes, Box box) {
        // Whole box: every site against the next plane, periodic; a slab: the pairs inside it.
        int held = planes * n * n;
        int pairs = planes == n ? held : held - n * n;
        double sum = 0;
        for (int s = 0; s < pairs; s++) {
            int t = (s + n * n) % held;
            for (int a = 0; a < 3; a++) {
                double d = box.minimumImage(psi[a * held + t] - psi[a * held + s]);
                sum += d * d;
            }
        }
        return Math.sqrt(sum / Math.max(1, pairs)) / box.sizeMpcH();
    }
}
