package org.loupe.particles;

import org.loupe.FormatException;

/**
 * Maps particle IDs from a lattice IC generator to Lagrangian sites (docs/conventions.md): (id − id0)
 * = (i·N + j)·N + k, site at q = (i + s, j + s, k + s)·L/N with s = 0 (corner) or ½ (centre).
 *
 * @param sitesPerSide N, lattice sites per side
 * @param firstId id0, the ID of site (0, 0, 0)
 * @param offsetCells s, the site offset in cells (0 or 0.5)
 * @param box the periodic box
 */
public record Lattice(int sitesPerSide, long firstId, double offsetCells, Box box) {

    public Lattice {
        if (sitesPerSide < 1) {
            throw new FormatException("lattice needs at least one site per side, got " + sitesPerSide);
        }
    }

    /** Number of sites, N³. */
    public long siteCount() {
        return (long) sitesPerSide * sitesPerSide * sitesPerSide;
    }

    /** Cell size L/N in Mpc/h. */
    public double spacingMpcH() {
        return box.sizeMpcH() / sitesPerSide;
    }

    /**
     * Flat C-order site index of a particle ID, checked to lie on the lattice.
     *
     * @throws FormatException when the ID is outside [id0, id0 + N³)
     */
    public int siteIndex(long id) {
        long s = id - firstId;
        if (s < 0 || s >= siteCount()) {
            throw new FormatException("particle ID " + id + " is not on a " + sitesPerSide + "^3 lattice with first ID "
                    + firstId + "; these IDs do not come from a lattice IC generator (or give the right first ID)");
        }
        return (int) s;
    }

    /** Lagrangian coordinate (Mpc/h) along one axis for lattice index {@code i}. */
    public double siteCoordinate(int i) {
        return (i + offsetCells) * spacingMpcH();
    }

    /**
     * Finds the lattice that the IDs of {@code particles} occupy: the side N from the count (a
     * perfect cube), the first ID from the minimum, and the offset s ∈ {0, ½} whose mean
     * displacement is smaller (docs/conventions.md: check the data rather than assume). Returns null
     * when the particles do not form a full lattice.
     */
    public static Lattice detect(Particles particles) {
        return detect(particles, Double.NaN);
    }

    /**
     * As {@link #detect(Particles)}, with the site offset given ({@code offsetCells} 0 or ½) instead
     * of detected when it is not NaN (config key {@code snapshot.latticeOffset}).
     */
    public static Lattice detect(Particles particles, double offsetCells) {
        long[] ids = particles.ids();
        int n = particles.count();
        if (ids == null || n == 0) {
            return null;
        }
        int side = (int) Math.round(Math.cbrt(n));
        if ((long) side * side * side != n) {
            return null;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long id : ids) {
            min = Math.min(min, id);
            max = Math.max(max, id);
        }
        if (max - min != n - 1) {
            return null;
        }
        if (!Double.isNaN(offsetCells)) {
            return new Lattice(side, min, offsetCells, particles.box());
        }
        Lattice corner = new Lattice(side, min, 0.0, particles.box());
        Lattice centre = new Lattice(side, min, 0.5, particles.box());
        return corner.meanDisplacementNorm(particles) <= centre.meanDisplacementNorm(particles) ? corner : centre;
    }

    /**
     * Neighbouring lattice sites have nearly equal displacements in any simulation (it moves matter
     * smoothly from site to site); with IDs that are not in lattice order (shuffled, renumbered, a
     * few per cent swapped) the differences are those of random points. Above this RMS difference,
     * as a fraction of the box, the IDs are taken not to be lattice IDs (real runs ≤ 0.06, 5 % of
     * the IDs swapped ≥ 0.15, all shuffled ½: BENCHMARKS.md, "Lattice check").
     */
    public static final double MAX_NEIGHBOUR_SPREAD = 0.12;

    /**
     * Above this RMS displacement |x − q|, as a fraction of the box, the IDs are taken not to be
     * lattice IDs in C order (real runs ≤ 0.11 at z = 0 in a 64 Mpc/h box, IDs in x-fastest
     * (Fortran) order ≥ 0.38, random ½: BENCHMARKS.md, "Lattice check").
     */
    public static final double MAX_RMS_DISPLACEMENT = 0.25;

    /**
     * Why these particles cannot be displaced from this lattice's sites, or null when they can:
     * the RMS displacement or the RMS neighbour difference is far above any simulation's.
     */
    public String implausibility(Particles particles) {
        return implausibility(rmsDisplacement(particles), () -> neighbourSpread(particles));
    }

    /** As above from the two measures (the spread is computed only when the RMS passes). */
    public static String implausibility(double rms, java.util.function.DoubleSupplier spreadOf) {
        if (rms > MAX_RMS_DISPLACEMENT) {
            return String.format(java.util.Locale.ROOT, "the particles lie %.2f of the box (RMS) from their sites"
                    + " (a simulation keeps them within ~0.1)", rms);
        }
        double spread = spreadOf.getAsDouble();
        if (spread > MAX_NEIGHBOUR_SPREAD) {
            return String.format(java.util.Locale.ROOT, "neighbouring sites' particles lie %.2f of the box apart"
                    + " (RMS; a simulation keeps them within a few hundredths)", spread);
        }
        return null;
    }

    /**
     * RMS over sites of |Ψ(site + x̂) − Ψ(site)| (each component by minimum image), as a fraction of
     * the box: a few hundredths for a real run, ½ for IDs in random order.
     */
    public double neighbourSpread(Particles particles) {
        int n = sitesPerSide;
        float[] psi = new float[3 * particles.count()];
        float[] x = particles.positionsMpcH();
        long[] ids = particles.ids();
        for (int p = 0; p < particles.count(); p++) {
            int s = siteIndex(ids[p]);
            psi[3 * s] = (float) box.minimumImage(x[3 * p] - siteCoordinate(s / (n * n)));
            psi[3 * s + 1] = (float) box.minimumImage(x[3 * p + 1] - siteCoordinate((s / n) % n));
            psi[3 * s + 2] = (float) box.minimumImage(x[3 * p + 2] - siteCoordinate(s % n));
        }
        double sum = 0;
        int sites = particles.count();
        for (int s = 0; s < sites; s++) {
            int t = (s + n * n) % sites;   // the neighbour along x
            for (int a = 0; a < 3; a++) {
                double d = box.minimumImage(psi[3 * t + a] - psi[3 * s + a]);
                sum += d * d;
            }
        }
        return Math.sqrt(sum / sites) / box.sizeMpcH();
    }

    /**
     * Stops with a message naming {@code source} when the particles are not displaced from this
     * lattice's sites (see {@link #implausibility}): a field built from them would be noise.
     */
    public void requirePlausible(Particles particles, String source) {
        requirePlausible(implausibility(particles), source);
    }

    /** Stops with the message of {@link #implausibility} (when not null) naming {@code source}. */
    public void requirePlausible(String why, String source) {
        if (why != null) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s: the particle IDs fill a %d^3 lattice, but"
                    + " %s: the IDs are not in lattice order (C order, z fastest; shuffled, renumbered or in x-fastest"
                    + " order?), so no displacement or velocity field can be made", source, sitesPerSide, why));
        }
    }

    /**
     * RMS over particles of the minimum-image displacement |x − q| from their sites, as a fraction of
     * the box: a few hundredths for a real run (BENCHMARKS.md, "Lattice check"), ½ for random IDs.
     * Unlike the neighbour spread it also sees IDs in another axis order (x fastest) and a few
     * per cent of swapped IDs.
     */
    public double rmsDisplacement(Particles particles) {
        float[] x = particles.positionsMpcH();
        long[] ids = particles.ids();
        int n = sitesPerSide;
        double sum = 0;
        for (int p = 0; p < particles.count(); p++) {
            int site = siteIndex(ids[p]);
            double dx = box.minimumImage(x[3 * p] - siteCoordinate(site / (n * n)));
            double dy = box.minimumImage(x[3 * p + 1] - siteCoordinate((site / n) % n));
            double dz = box.minimumImage(x[3 * p + 2] - siteCoordinate(site % n));
            sum += dx * dx + dy * dy + dz * dz;
        }
        return Math.sqrt(sum / particles.count()) / box.sizeMpcH();
    }

    /** |⟨Ψ⟩| in Mpc/h for this lattice hypothesis: near 0 for the right offset. */
    public double meanDisplacementNorm(Particles particles) {
        double[] sum = new double[3];
        float[] x = particles.positionsMpcH();
        long[] ids = particles.ids();
        int n = sitesPerSide;
        for (int p = 0; p < particles.count(); p++) {
            int site = siteIndex(ids[p]);
            int i = site / (n * n);
            int j = (site / n) % n;
            int k = site % n;
            sum[0] += box.minimumImage(x[3 * p] - siteCoordinate(i));
            sum[1] += box.minimumImage(x[3 * p + 1] - siteCoordinate(j));
            sum[2] += box.minimumImage(x[3 * p + 2] - siteCoordinate(k));
        }
        int count = particles.count();
        return Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]) / count;
    }
}
