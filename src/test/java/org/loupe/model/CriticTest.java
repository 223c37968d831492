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

    /** Real tiles carry small-scale structure, fakes are smooth: the critic learns to tell them apart. */
    @Test
    void theCriticLearnsToSeparateRealFromFake() {
        Critic critic = new Critic(new AdversarialSpec(1, 0, 4, 1e-3, 0.1, 1), 3, O, 1.0, 5);
        INDArray tri = Nd4j.zeros(DataType.FLOAT, 1, 3, O, O, O);
        double before = heldOutGap(critic, tri);
        for (int step = 0; step < 60; step++) {
            critic.train(field(step, 0.3), field(1000 + step, 0.0), tri);
        }
        double after = heldOutGap(critic, tri);
        // The critic minimises C(fake) − C(real): real tiles end up scored higher than fakes it never saw.
        assertTrue(after < -0.05 && after < before - 0.05, "held-out C(fake) − C(real): " + before + " -> " + after);
        double maxWeight = critic.network().params().amaxNumber().doubleValue();
        assertTrue(maxWeight <= 0.1 + 1e-7, "weights clipped to 0.1, max " + maxWeight);
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
        Critic critic = new Critic(new AdversarialSpec(1, 0, 4, 1e-3, 0.5, 1), 3, O, 2.0, 9);
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
