package org.loupe.stats;

import java.util.SplittableRandom;

import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/** Synthetic clustered catalogues for the halo-finder tests and {@link FofBench}. */
final class HaloFields {

    private HaloFields() {
    }

    /**
     * {@code n} particles of which about {@code haloFraction} sit in spherical halos whose sizes
     * follow dN/dlen ∝ len^−2 (between 20 and n/200), each with ρ ∝ r^−2 out to the radius where
     * its mean overdensity is 200; the rest are uniform. Masses 1, random velocities.
     */
    static Particles clustered(int n, double box, double haloFraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        double meanDensity = n / (box * box * box);
        int inHalos = (int) (haloFraction * n);
        int maxLen = Math.max(21, n / 200);
        int p = 0;
        while (p < inHalos) {
            // Inverse transform of len^-2 on [20, maxLen].
            double u = rng.nextDouble();
            int len = (int) Math.min(inHalos - p, 1.0 / (1.0 / 20 - u * (1.0 / 20 - 1.0 / maxLen)));
            double radius = Math.cbrt(3.0 * len / (4 * Math.PI * 200 * meanDensity));
            double[] c = {rng.nextDouble() * box, rng.nextDouble() * box, rng.nextDouble() * box};
            double[] v = {rng.nextGaussian() * 300, rng.nextGaussian() * 300, rng.nextGaussian() * 300};
            for (int k = 0; k < len; k++, p++) {
                double r = radius * rng.nextDouble();
                double[] dir = direction(rng);
                for (int d = 0; d < 3; d++) {
                    pos[3 * p + d] = wrap(c[d] + r * dir[d], box);
                    vel[3 * p + d] = (float) (v[d] + rng.nextGaussian() * 100);
                }
            }
        }
        for (; p < n; p++) {
            for (int d = 0; d < 3; d++) {
                pos[3 * p + d] = (float) (rng.nextDouble() * box);
                vel[3 * p + d] = (float) (rng.nextGaussian() * 300);
            }
        }
        return new Particles(new Box(box), pos, vel, null, 1.0, null);
    }

    static double[] direction(SplittableRandom rng) {
        double z = 2 * rng.nextDouble() - 1;
        double phi = 2 * Math.PI * rng.nextDouble();
        double s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
    }

    static float wrap(double x, double box) {
        double w = x - box * Math.floor(x / box);
        float f = (float) w;
        return f >= box || f < 0 ? 0f : f;
    }
}
