package org.loupe.sim;

import org.loupe.cosmology.Cosmology;

/**
 * The exact kick and drift factors of the symplectic leapfrog in comoving coordinates with
 * momentum p = a³E dx/da (time in 1/H0): dp/da = F / (a²E) and dx/da = p / (a³E), so a kick from
 * a0 to a1 adds F·∫da/(a²E) and a drift adds p·∫da/(a³E). Integrated in ln a with Simpson's rule
 * (the integrands are smooth; 16 intervals are exact to ~1e-10 for steps of 0.1 in ln a).
 */
final class TimeFactors {

    private static final int INTERVALS = 16;

    private final Cosmology cosmology;

    TimeFactors(Cosmology cosmology) {
        this.cosmology = cosmology;
    }

    /** ∫ da / (a² E) from a0 to a1. */
    double kick(double a0, double a1) {
        return simpson(a0, a1, 1);
    }

    /** ∫ da / (a³ E) from a0 to a1. */
    double drift(double a0, double a1) {
        return simpson(a0, a1, 2);
    }

    /** E(a) = H(a)/H0. */
    double e(double a) {
        return Math.sqrt(cosmology.e2(a));
    }

    /** ∫ dln a / (a^power E). */
    private double simpson(double a0, double a1, int power) {
        double l0 = Math.log(a0);
        double h = (Math.log(a1) - l0) / INTERVALS;
        double sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double a = Math.exp(l0 + i * h);
            double f = 1 / (Math.pow(a, power) * e(a));
            sum += f * (i == 0 || i == INTERVALS ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
