package org.loupe.tiles;

import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;

/**
 * Channel scales of the network (docs/conventions.md, map2map / Li+2021): displacement ÷ 6 Mpc/h·D(z),
 * velocity ÷ 6·D(z)·H(z)·f(z)/(1+z) km/s, from the snapshot's own cosmology, so fields at any
 * redshift and cosmology reach the network with unit-order amplitudes.
 *
 * @param displacementMpcH divisor of displacement channels (Mpc/h)
 * @param velocityKmS divisor of velocity channels (km/s)
 */
public record Normalization(double displacementMpcH, double velocityKmS) {

    public static Normalization of(Cosmology c, double redshift) {
        Growth g = new Growth(c);
        double a = 1 / (1 + redshift);
        double d = g.d1(a);
        return new Normalization(6.0 * d, 6.0 * d * c.hubble(a) * g.f1(a) / (1 + redshift));
    }

    /** Divisor of channel {@code ch}: 0–2 displacement, 3–5 velocity. */
    public double scale(int channel) {
        return channel < 3 ? displacementMpcH : velocityKmS;
    }
}
