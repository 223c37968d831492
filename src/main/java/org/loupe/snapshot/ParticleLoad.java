package org.loupe.snapshot;

import org.loupe.particles.Particles;

/**
 * Particles read from a snapshot, with what the reader had to fix.
 *
 * @param particles the particles in internal units
 * @param wrappedCount coordinates that lay outside [0, L) and were wrapped into the box
 */
public record ParticleLoad(Particles particles, long wrappedCount) {
}
