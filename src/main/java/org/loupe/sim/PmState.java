package org.loupe.sim;

import org.loupe.particles.Particles;

/**
 * The particle state of a PM run at scale factor a: positions (Mpc/h, in [0, L)) and FastPM's
 * momentum p = a³ E(a) dx/da (Mpc/h in units of H0), so the peculiar velocity is v = 100 p / a
 * km/s.
 *
 * @param particles positions, IDs and mass (velocities unused while stepping)
 * @param momentum p, interleaved xyz
 * @param a scale factor
 */
public record PmState(Particles particles, float[] momentum, double a) {

    /** Peculiar velocity in km/s of the stored momentum: v = H0 p / a with H0 = 100 km/s/(Mpc/h). */
    public float[] velocitiesKmS() {
        float[] v = new float[momentum.length];
        float f = (float) (100.0 / a);
        for (int i = 0; i < v.length; i++) {
            v[i] = momentum[i] * f;
        }
        return v;
    }

    /** Particles with velocities, for writing. */
    public Particles snapshot() {
        Particles p = particles;
        return new Particles(p.box(), p.positionsMpcH().clone(), velocitiesKmS(), p.ids(), p.massPerParticle(), p.masses());
    }

    /** Momentum from peculiar velocities (km/s) at scale factor a: p = a v / 100. */
    public static float[] momentumFromVelocities(float[] velocitiesKmS, double a) {
        float[] p = new float[velocitiesKmS.length];
        float f = (float) (a / 100.0);
        for (int i = 0; i < p.length; i++) {
            p[i] = velocitiesKmS[i] * f;
        }
        return p;
    }
}
