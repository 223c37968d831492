package org.loupe.testing;

import java.util.SplittableRandom;

import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** Small particle sets generated in tests. */
public final class Catalogues {

    private Catalogues() {
    }

    /** {@code n} uniform random particles with random velocities and IDs 1..n. */
    public static Particles uniform(int n, double boxMpcH, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        long[] ids = new long[n];
        for (int p = 0; p < n; p++) {
            for (int d = 0; d < 3; d++) {
                pos[3 * p + d] = (float) (rng.nextDouble() * boxMpcH);
                vel[3 * p + d] = (float) (rng.nextGaussian() * 300.0);
            }
            ids[p] = p + 1L;
        }
        return new Particles(new Box(boxMpcH), pos, vel, ids, 1.5, null);
    }

    /** An N³ lattice (corner sites, IDs from 1 in C order) displaced by a smooth periodic field. */
    public static Particles displacedLattice(int side, double boxMpcH, double amplitudeMpcH) {
        int n = side * side * side;
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        long[] ids = new long[n];
        double h = boxMpcH / side;
        Box box = new Box(boxMpcH);
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                for (int k = 0; k < side; k++) {
                    int site = (i * side + j) * side + k;
                    double qx = i * h;
                    double qy = j * h;
                    double qz = k * h;
                    double w = 2 * Math.PI / boxMpcH;
                    double dx = amplitudeMpcH * Math.sin(w * qy + 0.3);
                    double dy = amplitudeMpcH * Math.cos(w * qz);
                    double dz = amplitudeMpcH * Math.sin(w * qx) * 0.5;
                    pos[3 * site] = (float) box.wrap(qx + dx);
                    pos[3 * site + 1] = (float) box.wrap(qy + dy);
                    pos[3 * site + 2] = (float) box.wrap(qz + dz);
                    vel[3 * site] = (float) (100 * dx);
                    vel[3 * site + 1] = (float) (100 * dy);
                    vel[3 * site + 2] = (float) (100 * dz);
                    ids[site] = site + 1L;
                }
            }
        }
        return new Particles(box, pos, vel, ids, 2.0, null);
    }

    /**
     * {@code p} with particle {@code site} moved by {@code dx} Mpc/h along x: a box that is not
     * {@code p} (validate refuses a box compared with itself) and differs from it in one place.
     */
    public static Particles nudged(Particles p, int site, float dx) {
        float[] pos = p.positionsMpcH().clone();
        pos[3 * site] = (float) p.box().wrap(pos[3 * site] + dx);
        return new Particles(p.box(), pos, p.velocitiesKmS(), p.ids(), p.massPerParticle(), p.masses());
    }
}
