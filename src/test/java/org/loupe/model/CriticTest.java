package org.loupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.loupe.testing.Slow;

@Slow
class CriticTest {

    private static final int O = 10;

    private static INDArray field(long seed, double smallScale) {
        SplittableRandom g = new SplittableRandom(seed);
        float[] v = new float[3 * O * O * O];
        for (int c = 0; c < 3; c++) {
            double ph = g.nextDouble(6.28);
            for (int x = 0; x < O; x++) {
                for (int y = 0; y < O; y++) {
                    for (int z = 0; z < O; z++) {
                        v[((c * O + x) * O + y) * O + z] = (float) (0.3 * Math.sin(0.4 * x + 0.3 * y + ph)
                                + smallScale * g.nextGaussian());
                    }
                }
            }
        }
        return Nd4j.create(v, new long[] {1, 3, O, O, O}, 'c');
    }

    /** Real tiles carry small-scale structure, fakes are smooth: each kind of critic learns to tell them apart. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"clip, wasserstein, 1e-3", "spectral, wasserstein, 1e-3", "spectral, hinge, 1e-3"})
    void theCriticLearnsToSeparateRealFromFake(String lipschitz, String objective, double lr) {
        Critic critic = new Critic(new AdversarialSpec(0, 4, lr, 0.1, 1, lipschitz, objective), 3, O, 1.0, 5);
        INDArray tri = Nd4j.zeros(DataType.FLOAT, 1, 3, O, O, O);
        double before = heldOutGap(critic, tri);
        for (int step = 0; step < 60; step++) {
            critic.train(field(step, 0.3), field(1000 + step, 0.0), tri);
        }
        double after = heldOutGap(critic, tri);
        // The critic minimises C(fake) − C(real): real tiles end up scored higher than fakes it never saw.
        assertTrue(after < -0.05 && after < before - 0.05, "held-out C(fake) − C(real): " + before + " -> " + after);
        if (lipschitz.equals("clip")) {
            double maxWeight = critic.network().params().amaxNumber().doubleValue();
            assertTrue(maxWeight <= 0.1 + 1e-7, "weights clipped to 0.1, max " + maxWeight);
        } else {
            for (int l = 0; l < critic.network().getnLayers(); l++) {
                INDArray w = critic.network().getLayer(l).paramTable().get("W");
                if (w != null) {
                    double[] a = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                    double sigma = SpectralNorm.largestSingularValue(a, (int) w.size(0), a.length / (int) w.size(0));
                    assertTrue(sigma <= 1 + 1e-4, "layer " + l + " spectral norm " + sigma);
                }
            }
        }
    }

    /** Power iteration finds σ_max of a matrix with known singular values, and the projection leaves σ ≤ 1 alone. */
    @Test
    void spectralNormOfAKnownMatrix() {
        // [[3, 0, 0], [0, 1, 0]] rotated by an orthogonal 3×3 on the right: singular values 3 and 1.
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[] a = {3 * c, 3 * s, 0, -s, c, 0};
        assertEquals(3.0, SpectralNorm.largestSingularValue(a, 2, 3), 1e-9);
        INDArray w = Nd4j.create(a, new long[] {2, 3}, 'c');
        assertEquals(3.0, SpectralNorm.limit(w), 1e-9);
        assertEquals(c, w.getDouble(0, 0), 1e-6, "divided by 3");
        INDArray small = Nd4j.create(new double[] {0.5, 0, 0, 0.2}, new long[] {2, 2}, 'c');
        SpectralNorm.limit(small);
        assertEquals(0.5, small.getDouble(0, 0), 0.0, "σ = 0.5 is left alone");
    }

    private static double heldOutGap(Critic critic, INDArray tri) {
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += critic.meanScore(field(5000 + i, 0.0), tri) - critic.meanScore(field(6000 + i, 0.3), tri);
        }
        return sum / 10;
    }

    /** The score gradient (field channels plus the density channel through CIC) is the real derivative. */
    @Test
    void scoreGradientMatchesFiniteDifferences() {
        Critic critic = new Critic(new AdversarialSpec(0, 4, 1e-3, 0.5, 1, "clip", "wasserstein"), 3, O, 2.0, 9);
        INDArray fake = field(3, 0.2).castTo(DataType.DOUBLE);
        INDArray tri = field(4, 0.0);
        double[] g = critic.scoreGradient(fake.castTo(DataType.FLOAT), tri);
        // Directional derivative along a random direction, float32 network: a loose tolerance.
        SplittableRandom r = new SplittableRandom(2);
        double[] dir = new double[g.length];
        double predicted = 0;
        for (int i = 0; i < dir.length; i++) {
            dir[i] = r.nextGaussian();
            predicted += dir[i] * g[i];
        }
        INDArray d = Nd4j.create(dir, fake.shape(), 'c');
        double h = 1e-3;
        double up = critic.meanScore(fake.add(d.mul(h)).castTo(DataType.FLOAT), tri);
        double dn = critic.meanScore(fake.sub(d.mul(h)).castTo(DataType.FLOAT), tri);
        double numeric = (up - dn) / (2 * h);
        assertEquals(numeric, predicted, 0.05 * Math.abs(numeric) + 1e-4, "numeric " + numeric + " predicted " + predicted);
    }
}
