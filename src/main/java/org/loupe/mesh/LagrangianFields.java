package org.loupe.mesh;

import java.util.List;

import org.loupe.FormatException;
import org.loupe.ShapeMismatchException;
import org.loupe.particles.Box;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;

/**
 * Displacement Ψ(q) = x − q (minimum image) and velocity fields on the particle lattice, and the
 * inverse map from a displacement field back to particles (docs/conventions.md).
 */
public final class LagrangianFields {

    private LagrangianFields() {
    }

    /** Ψ on the lattice: 3 channels of N³ sites, Mpc/h. Every site must be occupied exactly once. */
    public static Grid displacement(Particles particles, Lattice lattice, double redshift, List<SourceFile> sources) {
        return fields(particles, lattice, true, false, redshift, sources);
    }

    /**
     * Displacement (3 channels, Mpc/h) and/or velocity (3 channels, km/s) on the lattice in one
     * array, with one site map: the cheapest way to hold both (no per-field copies to join).
     */
    public static Grid fields(Particles particles, Lattice lattice, boolean displacement, boolean velocity, double redshift,
                              List<SourceFile> sources) {
        if (velocity && particles.velocitiesKmS() == null) {
            throw new FormatException("the particles carry no velocities, so no velocity field can be made");
        }
        int[] siteOf = sitesOf(particles, lattice);
        int n = lattice.sitesPerSide();
        int cells = n * n * n;
        int channels = (displacement ? 3 : 0) + (velocity ? 3 : 0);
        float[] out = new float[channels * cells];
        float[] x = particles.positionsMpcH();
        float[] v = particles.velocitiesKmS();
        Box box = lattice.box();
        int vFirst = displacement ? 3 * cells : 0;
        for (int p = 0; p < siteOf.length; p++) {
            int site = siteOf[p];
            if (displacement) {
                int i = site / (n * n);
                int j = (site / n) % n;
                int k = site % n;
                out[site] = (float) box.minimumImage(x[3 * p] - lattice.siteCoordinate(i));
                out[cells + site] = (float) box.minimumImage(x[3 * p + 1] - lattice.siteCoordinate(j));
                out[2 * cells + site] = (float) box.minimumImage(x[3 * p + 2] - lattice.siteCoordinate(k));
            }
            if (velocity) {
                out[vFirst + site] = v[3 * p];
                out[vFirst + cells + site] = v[3 * p + 1];
                out[vFirst + 2 * cells + site] = v[3 * p + 2];
            }
        }
        GridKind kind = channels == 6 ? GridKind.OTHER : displacement ? GridKind.DISPLACEMENT : GridKind.VELOCITY;
        return new Grid(n, channels, box.sizeMpcH(), out, GridInfo.lattice(kind, redshift, sources));
    }

    /** Peculiar velocity on the lattice: 3 channels of N³ sites, km/s. */
    public static Grid velocity(Particles particles, Lattice lattice, double redshift, List<SourceFile> sources) {
        return fields(particles, lattice, false, true, redshift, sources);
    }

    /**
     * Particles at x = q + Ψ (wrapped into [0, L)), one per lattice site in C order, IDs id0 + site.
     *
     * @param velocity velocity field on the same lattice, or null
     */
    public static Particles toParticles(Grid displacement, Grid velocity, Lattice lattice, double massPerParticle) {
        int n = lattice.sitesPerSide();
        if (displacement.size() != n || displacement.channels() != 3) {
            throw new ShapeMismatchException("displacement field is " + displacement.channels() + "x" + displacement.size()
                    + "^3 but the lattice has " + n + "^3 sites and needs 3 channels");
        }
        if (velocity != null) {
            displacement.requireSameShape(velocity, "displacement and velocity fields");
        }
        return toParticles(displacement.values(), velocity == null ? null : velocity.values(), 0, n, lattice,
                massPerParticle);
    }

    /**
     * Particles of the lattice sites with x in [xFrom, xTo) (one task's slab of a box split along
     * x), from fields laid out [channel][x − xFrom][y][z]; IDs id0 + global site, so the slabs of a
     * box together give exactly the particles of the whole box.
     *
     * @param velocity 3 channels on the same sites, or null
     */
    public static Particles toParticles(float[] psi, float[] velocity, int xFrom, int xTo, Lattice lattice,
                                        double massPerParticle) {
        int n = lattice.sitesPerSide();
        int cells = (xTo - xFrom) * n * n;
        return toParticles(psi, 0, velocity, 0, cells, xFrom, xTo, 0, n, lattice, massPerParticle);
    }

    /**
     * Particles of the lattice block x ∈ [xFrom, xTo), y ∈ [yFrom, yFrom + rows), all z, in C
     * order: channel c of local site s is {@code psi[psiFirst + c·stride + s]} (likewise the
     * velocity, which may be null). A block of whole planes, or one plane's rows, is a contiguous
     * range of IDs; each site's position is computed exactly as for the whole box.
     */
    public static Particles toParticles(float[] psi, int psiFirst, float[] velocity, int velFirst, int stride, int xFrom,
                                        int xTo, int yFrom, int rows, Lattice lattice, double massPerParticle) {
        int n = lattice.sitesPerSide();
        int perPlane = rows * n;
        int cells = (xTo - xFrom) * perPlane;
        float[] pos = new float[3 * cells];
        float[] vel = velocity == null ? null : new float[3 * cells];
        long[] ids = new long[cells];
        Box box = lattice.box();
        for (int site = 0; site < cells; site++) {
            int i = xFrom + site / perPlane;
            int j = yFrom + (site / n) % rows;
            int k = site % n;
            pos[3 * site] = (float) box.wrap(lattice.siteCoordinate(i) + psi[psiFirst + site]);
            pos[3 * site + 1] = (float) box.wrap(lattice.siteCoordinate(j) + psi[psiFirst + stride + site]);
            pos[3 * site + 2] = (float) box.wrap(lattice.siteCoordinate(k) + psi[psiFirst + 2 * stride + site]);
            ids[site] = lattice.firstId() + ((long) i * n + j) * n + k;
            if (vel != null) {
                vel[3 * site] = velocity[velFirst + site];
                vel[3 * site + 1] = velocity[velFirst + stride + site];
                vel[3 * site + 2] = velocity[velFirst + 2 * stride + site];
            }
        }
        // A float coordinate just below L can round up to L: keep [0, L).
        float l = (float) box.sizeMpcH();
        for (int c = 0; c < pos.length; c++) {
            if (pos[c] >= l) {
                pos[c] = 0f;
            }
        }
        return new Particles(box, pos, vel, ids, massPerParticle, null);
    }

    /** Lattice site of every particle, checking that each site is hit exactly once. */
    private static int[] sitesOf(Particles particles, Lattice lattice) {
        long[] ids = particles.ids();
        if (ids == null) {
            throw new FormatException("the particles carry no IDs, so they cannot be put on a lattice");
        }
        if (particles.count() != lattice.siteCount()) {
            throw new ShapeMismatchException(particles.count() + " particles cannot fill a " + lattice.sitesPerSide()
                    + "^3 lattice (" + lattice.siteCount() + " sites)");
        }
        int[] siteOf = new int[ids.length];
        boolean[] seen = new boolean[ids.length];
        for (int p = 0; p < ids.length; p++) {
            int site = lattice.siteIndex(ids[p]);
            if (seen[site]) {
                throw new FormatException("particle ID " + ids[p] + " occurs twice (a lattice needs unique IDs): the IDs"
                        + " are not lattice IDs, or two snapshots' particles were merged");
            }
            seen[site] = true;
            siteOf[p] = site;
        }
        return siteOf;
    }
}
