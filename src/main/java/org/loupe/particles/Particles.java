package org.loupe.particles;

import java.util.Objects;

import org.loupe.FormatException;
import org.loupe.ShapeMismatchException;

/**
 * Particles of one type as a structure of flat arrays, in Loupe's internal units.
 *
 * @param box periodic box
 * @param positionsMpcH comoving positions, interleaved x0 y0 z0 x1 ... (length 3·count), in [0, L)
 * @param velocitiesKmS peculiar velocities (km/s), interleaved like positions; may be null
 * @param ids particle IDs (length count); may be null
 * @param massPerParticle particle mass in 1e10 Msun/h when all are equal; NaN when {@code masses} is set
 * @param masses per-particle masses in 1e10 Msun/h, or null when all equal {@code massPerParticle}
 */
public record Particles(Box box, float[] positionsMpcH, float[] velocitiesKmS, long[] ids,
                        double massPerParticle, float[] masses) {

    public Particles {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(positionsMpcH, "positions");
        if (positionsMpcH.length % 3 != 0) {
            throw new ShapeMismatchException("positions array length " + positionsMpcH.length + " is not a multiple of 3");
        }
        int n = positionsMpcH.length / 3;
        if (velocitiesKmS != null && velocitiesKmS.length != positionsMpcH.length) {
            throw new ShapeMismatchException("velocities hold " + velocitiesKmS.length / 3 + " particles but positions hold " + n);
        }
        if (ids != null && ids.length != n) {
            throw new ShapeMismatchException("ids hold " + ids.length + " particles but positions hold " + n);
        }
        if (masses != null && masses.length != n) {
            throw new ShapeMismatchException("masses hold " + masses.length + " particles but positions hold " + n);
        }
        if (masses == null && !(massPerParticle >= 0)) {
            throw new FormatException("particle mass must be given (a non-negative mass per particle or a masses array)");
        }
    }

    /** Number of particles. */
    public int count() {
        return positionsMpcH.length / 3;
    }

    /** Mass of particle {@code p} in 1e10 Msun/h. */
    public double mass(int p) {
        return masses == null ? massPerParticle : masses[p];
    }

    /** Total mass in 1e10 Msun/h. */
    public double totalMass() {
        if (masses == null) {
            return massPerParticle * count();
        }
        double sum = 0;
        for (float m : masses) {
            sum += m;
        }
        return sum;
    }

    /** True when every particle has the same mass. */
    public boolean equalMasses() {
        return masses == null;
    }
}
