package org.loupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.loupe.testing.Slow;

@Slow
class EulerianLossTest {

    private static INDArray random(int rows, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, c}, 'c');
    }

    /** The hand-written gradient equals central finite differences of the score. */
    @ParameterizedTest(name = "weight {0}")
    @ValueSource(doubles = {0.0, 0.7, 3.0})
    void gradientMatchesFiniteDifferences(double weight) {
        assertGradientMatchesFiniteDifferences(new EulerianLoss(4, weight, false), 1e-3, 2e-3, 1);
    }

    /** With the CIC density and spectral terms the gradient still equals finite differences of the score. */
    @ParameterizedTest(name = "density weight {0}, spectral weight {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0.5, 0, 1e-6, 1e-4", "2.0, 0, 1e-6, 1e-4", "0.5, 0.02, 1e-3, 3e-3"})
    void densityTermGradientMatchesFiniteDifferences(double densityWeight, double spectralWeight, double h, double tol) {
        // The spectral term runs float FFTs: a larger step and a looser tolerance for it.
        assertGradientMatchesFiniteDifferences(new EulerianLoss(4, 0.3, false, densityWeight, spectralWeight, 0.7), h, tol, 4);
    }

    /** 40 random entries of two random 4³ examples: analytic gradient vs central differences (step h). */
    private static void assertGradientMatchesFiniteDifferences(EulerianLoss loss, double h, double tol, long seed) {
        int rows = 2 * loss.side * loss.side * loss.side;
        INDArray labels = random(rows, 3, seed).castTo(DataType.DOUBLE);
        INDArray pre = random(rows, 3, seed + 1).castTo(DataType.DOUBLE);
        var id = new ActivationIdentity();
        INDArray grad = loss.computeGradient(labels, pre, id, null);
        SplittableRandom pick = new SplittableRandom(seed + 2);
        for (int t = 0; t < 40; t++) {
            int r = pick.nextInt(rows);
            int c = pick.nextInt(3);
            double x0 = pre.getDouble(r, c);
            pre.putScalar(r, c, x0 + h);
            double up = loss.computeScore(labels, pre, id, null, false);
            pre.putScalar(r, c, x0 - h);
            double dn = loss.computeScore(labels, pre, id, null, false);
            pre.putScalar(r, c, x0);
            double numeric = (up - dn) / (2 * h);
            assertEquals(numeric, grad.getDouble(r, c), tol * Math.max(1, Math.abs(numeric)), "row " + r + " channel " + c);
        }
    }

    /**
     * Odd planes collapsing onto even ones (error 1 cell on half the sites) cost less MSE than a
     * uniform one-cell shift of every site, but make a far worse density: only the density term
     * ranks them as a physicist would.
     */
    @Test
    void theDensityTermSeesClumpsTheDisplacementErrorDoesNot() {
        int o = 6;
        int rows = o * o * o;
        double[] clump = new double[rows * 3];
        double[] shift = new double[rows * 3];
        for (int r = 0; r < rows; r++) {
            int x = r / (o * o);
            clump[r * 3] = x % 2 == 1 ? -1.0 : 0.0;
            shift[r * 3] = 1.0;
        }
        var id = new ActivationIdentity();
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, rows, 3);
        INDArray c = Nd4j.create(clump, new long[] {rows, 3}, 'c');
        INDArray s = Nd4j.create(shift, new long[] {rows, 3}, 'c');
        EulerianLoss mse = new EulerianLoss(o, 0, false, 0, 1.0);
        EulerianLoss dens = new EulerianLoss(o, 0, false, 1.0, 1.0);
        assertTrue(mse.computeScore(zero, c, id, null, false) < mse.computeScore(zero, s, id, null, false));
        double sClump = dens.computeScore(zero, c, id, null, false);
        double sShift = dens.computeScore(zero, s, id, null, false);
        assertEquals(36 + 216, sClump, 1e-9, "MSE 108·1/3 + 216 cells off by ±1");
        assertEquals(72 + 36, sShift, 1e-9, "MSE 216·1/3 + the emptied first plane");
    }

    /** An injected adversarial gradient is added to exactly one gradient computation. */
    @Test
    void extraGradientIsAddedOnce() {
        int o = 3;
        int rows = o * o * o;
        EulerianLoss loss = new EulerianLoss(o, 0, false, 0, 1);
        INDArray labels = random(rows, 3, 8);
        INDArray pre = random(rows, 3, 9);
        var id = new ActivationIdentity();
        INDArray plain = loss.computeGradient(labels, pre, id, null);
        INDArray extra = random(rows, 3, 10);
        loss.setExtraGradient(extra);
        INDArray with = loss.computeGradient(labels, pre, id, null);
        assertEquals(0.0, with.sub(plain).sub(extra).amaxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, loss.computeGradient(labels, pre, id, null).sub(plain).amaxNumber().doubleValue(), 0.0);
    }

    /** A divergence-free error costs nothing extra; a compressive one does. */
    @Test
    void onlyCompressiveErrorsPayTheEulerianTerm() {
        int o = 6;
        int rows = o * o * o;
        double[] curl = new double[rows * 3];
        double[] compress = new double[rows * 3];
        for (int r = 0; r < rows; r++) {
            int x = r / (o * o);
            int y = (r / o) % o;
            curl[r * 3] = Math.sin(y);          // e_x depends on y only: ∇·e = 0
            compress[r * 3] = Math.sin(x);      // e_x depends on x: ∇·e ≠ 0
        }
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, rows, 3);
        INDArray eCurl = Nd4j.create(curl, new long[] {rows, 3}, 'c');
        INDArray eComp = Nd4j.create(compress, new long[] {rows, 3}, 'c');
        EulerianLoss with = new EulerianLoss(o, 5.0, false);
        EulerianLoss without = new EulerianLoss(o, 0.0, false);
        var id = new ActivationIdentity();
        assertEquals(without.computeScore(zero, eCurl, id, null, false), with.computeScore(zero, eCurl, id, null, false), 1e-9);
        assertTrue(with.computeScore(zero, eComp, id, null, false) > 1.5 * without.computeScore(zero, eComp, id, null, false));
    }

    @Test
    void trainingWithTheEulerianTermRunsAndSaves(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TrainSpec ts = TrainSpec.of(1, 4, 5).withLearningRate(3e-3).withValidationTiles(1).withEulerianWeight(0.5);
        org.loupe.tiles.TileSpec tiles = new org.loupe.tiles.TileSpec(4, 2, false, false);
        Trainer t = new Trainer(new GeneratorSpec(2, 4, false, 0), tiles, ts, java.util.List.of(TrainerTest.pair(1)),
                java.util.List.of(TrainerTest.pair(1)));
        var g = t.run(new Checkpoints(dir.resolve("ck")), dir.resolve("c.csv"), () -> false, new Trainer.Listener() {
            @Override
            public void step(long s, long n, double l) {
            }

            @Override
            public void epoch(Trainer.EpochRecord r) {
            }
        });
        ModelFile.of(g, new GeneratorSpec(2, 4, false, 0), tiles).write(dir.resolve("m.zip"));
        assertTrue(ModelFile.read(dir.resolve("m.zip")).graph().getOutputLayer(0).conf().getLayer().toString().contains("Eulerian"));
    }
}
