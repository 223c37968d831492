package org.loupe.particles;

import org.loupe.ConfigException;

/**
 * A periodic cubic box of side {@code sizeMpcH} (comoving Mpc/h) with positions in [0, L).
 */
public record Box(double sizeMpcH) {

    public Box {
        if (!(sizeMpcH > 0) || Double.isInfinite(sizeMpcH)) {
            throw new ConfigException("box size must be a positive finite number of Mpc/h, got " + sizeMpcH);
        }
    }

    /** Wraps a coordinate into [0, L). Handles values many boxes away. */
    public double wrap(double x) {
        double l = sizeMpcH;
        double w = x - l * Math.floor(x / l);
        // x slightly below 0 can round to exactly L; [0, L) must hold.
        return w >= l ? 0.0 : w;
    }

    /** Wraps a float coordinate into [0, L) in float precision. */
    public float wrap(float x) {
        float l = (float) sizeMpcH;
        float w = (float) (x - l * Math.floor((double) x / l));
        return (w >= l || w < 0f) ? 0f : w;
    }

    /** The periodic image of a separation in [−L/2, L/2). */
    public double minimumImage(double dx) {
        double l = sizeMpcH;
        return dx - l * Math.floor(dx / l + 0.5);
    }
}
