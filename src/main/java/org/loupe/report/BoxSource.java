package org.loupe.report;

import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * One box of a report as passes over its particles, so a box larger than memory can be judged:
 * positions alone (P(k), halos, slices) and everything read (IDs, for the lattice fields, and
 * velocities, for the redshift-space multipoles), which costs about three times the reading.
 *
 * @param positions the particles' positions (and masses when they differ)
 * @param full the same particles with their IDs, and velocities when {@code velocities}
 * @param velocities whether {@code full} carries velocities
 * @param name the input as errors name it (its file)
 */
public record BoxSource(ParticleStream positions, ParticleStream full, boolean velocities, String name) {

    public BoxSource {
        java.util.Objects.requireNonNull(positions, "positions");
        java.util.Objects.requireNonNull(full, "full");
    }

    /** Particles in memory. */
    public static BoxSource of(Particles p) {
        ParticleStream s = ParticleStream.of(p);
        return new BoxSource(s, s, p.velocitiesKmS() != null, "particles in memory");
    }

    /** Particles in the box. */
    public long count() {
        return positions.count();
    }
}
