package org.loupe.stats;

import java.util.Arrays;

import org.loupe.particles.Particles;

/** The particles of one slab of {@link SlabFriendsOfFriends} and of its buffer, in stream order, each with its kind. */
final class FofSlab {

    /** A particle the slab owns, away from its lower face. */
    static final byte INTERIOR = 0;
    /** A particle the slab owns within the buffer width of its lower face: the previous slab's buffer. */
    static final byte STRIP = 1;
    /** A particle of the next slab's strip, read to find the links across the upper face. */
    static final byte BUFFER = 2;

    final float[] pos;
    final byte[] kind;
    /** Velocities (km/s) when the stream carries them, else null. */
    float[] vel;
    /** Per-particle masses when the stream's differ, else null. */
    float[] masses;
    double massPerParticle = Double.NaN;
    int count;

    FofSlab(int size) {
        pos = new float[3 * size];
        kind = new byte[size];
    }

    void add(Particles p, int i, byte k) {
        System.arraycopy(p.positionsMpcH(), 3 * i, pos, 3 * count, 3);
        if (p.velocitiesKmS() != null) {
            if (vel == null) {
                vel = new float[pos.length];
            }
            System.arraycopy(p.velocitiesKmS(), 3 * i, vel, 3 * count, 3);
        }
        if (p.masses() != null) {
            if (masses == null) {
                masses = new float[kind.length];
                Arrays.fill(masses, 0, count, (float) massPerParticle);
            }
            masses[count] = p.masses()[i];
        } else {
            massPerParticle = p.massPerParticle();
            if (masses != null) {
                masses[count] = (float) massPerParticle;
            }
        }
        kind[count++] = k;
    }

    double mass(int q) {
        return masses == null ? massPerParticle : masses[q];
    }
}
