package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;
import org.loupe.testing.Slow;

@Slow
class P3mForceTest {

    private static final double BOX = 64.0;
    private static final int MESH = 64;
    private static final double OMEGA_M = 0.31;

    /**
     * Two particles: the mesh part plus the pair part equals softened Newton (with the leading
     * periodic correction of a cubic lattice, −(4π/3) r / L³) from deep inside the split scale to
     * beyond the cut, along axes and diagonals, with no bump where the two parts hand over.
     */
    @Test
    void twoParticleForceIsNewtonAcrossTheSplit() {
        ForceSplit split = P3mForce.split(MESH, BOX, 1.25, 4.5, 0.01);
        P3mForce force = new P3mForce(MESH, BOX, OMEGA_M, split, new JTransformsFft3d(2), 2);
        double[][] directions = {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, 1, 1}, {0.3, -0.5, 0.81}};
        double worst = 0;
        double worstInside = 0;
        for (double[] d : directions) {
            double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (double r = 0.1 * split.splitMpcH(); r < 2 * split.cutMpcH(); r *= 1.3) {
                float[] pos = {20.3f, 31.7f, 25.1f, 0, 0, 0};
                for (int a = 0; a < 3; a++) {
                    pos[3 + a] = (float) (pos[a] + r * d[a] / norm);
                }
                double rr = dist(pos);
                float[] f = force.accelerations(new Particles(new Box(BOX), pos, null, null, 1.0, null));
                double g = 3 * OMEGA_M / (8 * Math.PI) * BOX * BOX * BOX / 2;
                double expected = g * (split.softenedInverseCube(rr) * rr - 4 * Math.PI / 3 * rr / (BOX * BOX * BOX));
                double radial = 0;
                for (int a = 0; a < 3; a++) {
                    radial += f[a] * (pos[3 + a] - pos[a]) / rr;
                }
                double err = Math.abs(radial / expected - 1);
                worst = Math.max(worst, err);
                if (rr < split.cutMpcH()) {
                    worstInside = Math.max(worstInside, err);
                }
                for (int a = 0; a < 3; a++) {
                    assertEquals(0, f[a] + f[3 + a], 1e-4 * Math.abs(radial), "action = reaction");
                }
            }
        }
        // The mesh's anisotropy at 2-5 cells (CIC, 4-point gradient) is what remains, as in GADGET-4.
        assertTrue(worstInside < 0.02, "worst |F/F_Newton - 1| inside the cut " + worstInside);
        // Past the cut GADGET-4's truncation drops the pair part, 1.8 % of Newton at 4.5 r_s.
        assertTrue(worst < 0.025, "worst |F/F_Newton - 1| out to twice the cut " + worst);
    }

    private static double dist(float[] pos) {
        double s = 0;
        for (int a = 0; a < 3; a++) {
            double d = pos[3 + a] - pos[a];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void totalMomentumIsConservedAndOutputDoesNotDependOnThreads() {
        SplittableRandom rnd = new SplittableRandom(5);
        int count = 4000;
        float[] pos = new float[3 * count];
        for (int p = 0; p < count; p++) {
            // a clump and a background, so that close pairs, cell edges and periodic wraps all occur
            boolean clump = p % 2 == 0;
            for (int a = 0; a < 3; a++) {
                double x = clump ? 1.0 + rnd.nextGaussian() * 1.5 : rnd.nextDouble() * BOX;
                pos[3 * p + a] = (float) new Box(BOX).wrap(x);
            }
        }
        Particles particles = new Particles(new Box(BOX), pos, null, null, 1.0, null);
        ForceSplit split = P3mForce.split(32, BOX, 1.25, 4.5, 0.02);
        float[] one = new P3mForce(32, BOX, OMEGA_M, split, new JTransformsFft3d(1), 1).accelerations(particles);
        float[] two = new P3mForce(32, BOX, OMEGA_M, split, new JTransformsFft3d(2), 2).accelerations(particles);
        assertArrayEquals(one, two, "1 and 2 threads");
        double[] sum = new double[3];
        double abs = 0;
        for (int p = 0; p < count; p++) {
            for (int a = 0; a < 3; a++) {
                sum[a] += one[3 * p + a];
                abs += Math.abs(one[3 * p + a]);
            }
        }
        for (int a = 0; a < 3; a++) {
            assertTrue(Math.abs(sum[a]) < 1e-5 * abs, "net force " + sum[a] + " against total " + abs);
        }
    }
}
