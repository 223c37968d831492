package org.loupe.stats;

import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * Particles moved to redshift space along one axis (the distant-observer approximation): each
 * comoving position gains v_∥ / (a H(a)), its peculiar velocity along the line of sight over the
 * Hubble rate at the snapshot, wrapped into the periodic box. The redshift-space monopole and
 * quadrupole of these particles ({@link PowerSpectrum} with the same line of sight) test the
 * velocities a super-resolved box carries, which real-space statistics never see.
 */
public final class RedshiftSpace {

    private RedshiftSpace() {
    }

    /**
     * @param particles positions (Mpc/h) and peculiar velocities (km/s)
     * @param losAxis 0 = x, 1 = y, 2 = z
     * @param scaleFactor a of the snapshot
     * @param hubbleKmSPerMpcH H(a) in km/s per Mpc/h (100·E(a))
     */
    public static Particles of(Particles particles, int losAxis, double scaleFactor, double hubbleKmSPerMpcH) {
        float[] v = particles.velocitiesKmS();
        if (v == null) {
            throw new IllegalArgumentException("redshift space needs velocities; these particles have none");
        }
        if (losAxis < 0 || losAxis > 2 || !(scaleFactor > 0) || !(hubbleKmSPerMpcH > 0)) {
            throw new IllegalArgumentException("line of sight " + losAxis + ", a = " + scaleFactor + ", H = " + hubbleKmSPerMpcH);
        }
        double toMpcH = 1 / (scaleFactor * hubbleKmSPerMpcH);
        float[] x = particles.positionsMpcH().clone();
        for (int i = losAxis; i < x.length; i += 3) {
            x[i] = particles.box().wrap((float) (x[i] + v[i] * toMpcH));
        }
        return new Particles(particles.box(), x, v, particles.ids(), particles.massPerParticle(), particles.masses());
    }

    /** As {@link #of(Particles, int, double, double)}, block by block of a stream that carries velocities. */
    public static ParticleStream of(ParticleStream particles, int losAxis, double scaleFactor, double hubbleKmSPerMpcH) {
        return particles.mapped(particles.box(), p -> of(p, losAxis, scaleFactor, hubbleKmSPerMpcH));
    }
}
