package org.loupe.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import org.loupe.ConfigException;
import org.loupe.model.AdversarialSpec;
import org.loupe.model.Critic;
import org.loupe.model.EulerianLoss;
import org.loupe.testing.Slow;

@Slow
class CompositeLossTest {

    private static final ActivationIdentity ID = new ActivationIdentity();

    private static INDArray random(int rows, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[rows * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, c}, 'c');
    }

    /** Every smooth term's hand-written gradient equals central finite differences of its score. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"mse:1 | 1e-3 | 2e-3", "mse:1,divergence:0.7 | 1e-3 | 2e-3",
        "mse:0.5,divergence:3 | 1e-3 | 2e-3", "mse:1,density:0.5 | 1e-6 | 1e-4", "mse:1,divergence:0.3,density:2 | 1e-6 | 1e-4",
        "mse:1,divergence:0.3,density:0.5,spectral:0.02 | 1e-3 | 3e-3"})
    void gradientMatchesFiniteDifferences(String terms, double h, double tol) {
        // The spectral term runs float FFTs: a larger step and a looser tolerance for it.
        CompositeLoss loss = new CompositeLoss(LossSpec.fromCompact(terms), 4, 0.7);
        int rows = 2 * 64;
        INDArray labels = random(rows, 3, 4).castTo(DataType.DOUBLE);
        INDArray pre = random(rows, 3, 5).castTo(DataType.DOUBLE);
        INDArray grad = loss.computeGradient(labels, pre, ID, null);
        SplittableRandom pick = new SplittableRandom(6);
        for (int t = 0; t < 40; t++) {
            int r = pick.nextInt(rows);
            int c = pick.nextInt(3);
            double x0 = pre.getDouble(r, c);
            pre.putScalar(r, c, x0 + h);
            double up = loss.computeScore(labels, pre, ID, null, false);
            pre.putScalar(r, c, x0 - h);
            double dn = loss.computeScore(labels, pre, ID, null, false);
            pre.putScalar(r, c, x0);
            double numeric = (up - dn) / (2 * h);
            assertEquals(numeric, grad.getDouble(r, c), tol * Math.max(1, Math.abs(numeric)), terms + " row " + r + " channel " + c);
        }
    }

    /** {mse: 1} alone is DL4J's own MSE, score and gradient. */
    @Test
    void mseAloneIsDl4jsMse() {
        CompositeLoss loss = new CompositeLoss(LossSpec.of("mse"), 3, 0);
        ILossFunction dl4j = new org.nd4j.linalg.lossfunctions.impl.LossMSE();
        INDArray labels = random(54, 3, 1);
        INDArray pre = random(54, 3, 2);
        assertEquals(dl4j.computeScore(labels, pre, ID, null, false), loss.computeScore(labels, pre, ID, null, false), 1e-9);
        assertEquals(0.0, dl4j.computeGradient(labels, pre, ID, null).sub(loss.computeGradient(labels, pre, ID, null))
                .amaxNumber().doubleValue(), 1e-9);
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
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, rows, 3);
        INDArray c = Nd4j.create(clump, new long[] {rows, 3}, 'c');
        INDArray s = Nd4j.create(shift, new long[] {rows, 3}, 'c');
        CompositeLoss mse = new CompositeLoss(LossSpec.of("mse"), o, 1.0);
        CompositeLoss dens = new CompositeLoss(LossSpec.of("mse").with("density", 1.0), o, 1.0);
        assertTrue(mse.computeScore(zero, c, ID, null, false) < mse.computeScore(zero, s, ID, null, false));
        assertEquals(36 + 216, dens.computeScore(zero, c, ID, null, false), 1e-9, "MSE 108·1/3 + 216 cells off by ±1");
        assertEquals(72 + 36, dens.computeScore(zero, s, ID, null, false), 1e-9, "MSE 216·1/3 + the emptied first plane");
    }

    /** A divergence-free error costs nothing extra; a compressive one does. */
    @Test
    void onlyCompressiveErrorsPayTheDivergenceTerm() {
        int o = 6;
        int rows = o * o * o;
        double[] curl = new double[rows * 3];
        double[] compress = new double[rows * 3];
        for (int r = 0; r < rows; r++) {
            curl[r * 3] = Math.sin((r / o) % o);       // e_x depends on y only: ∇·e = 0
            compress[r * 3] = Math.sin(r / (o * o));   // e_x depends on x: ∇·e ≠ 0
        }
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, rows, 3);
        INDArray eCurl = Nd4j.create(curl, new long[] {rows, 3}, 'c');
        INDArray eComp = Nd4j.create(compress, new long[] {rows, 3}, 'c');
        CompositeLoss with = new CompositeLoss(LossSpec.of("mse").with("divergence", 5.0), o, 0);
        CompositeLoss without = new CompositeLoss(LossSpec.of("mse"), o, 0);
        assertEquals(without.computeScore(zero, eCurl, ID, null, false), with.computeScore(zero, eCurl, ID, null, false), 1e-9);
        assertTrue(with.computeScore(zero, eComp, ID, null, false) > 1.5 * without.computeScore(zero, eComp, ID, null, false));
    }

    /** The adversarial term's prepared gradient enters exactly the gradient of the step it was prepared for. */
    @Test
    void theCriticGradientIsAddedUntilForgotten() {
        int o = 9;
        int rows = o * o * o;
        CompositeLoss loss = new CompositeLoss(LossSpec.of("mse").with("adversarial", 0.5), o, 1.0);
        Adversarial adv = loss.term(Adversarial.class);
        Critic critic = new Critic(AdversarialSpec.defaults().withWidth(2), 3, o, 1.0, 3);
        INDArray labels = random(rows, 3, 8);
        INDArray pre = random(rows, 3, 9).muli(0.1);
        INDArray plain = loss.computeGradient(labels, pre, ID, null);
        double scorePlain = loss.computeScore(labels, pre, ID, null, false);
        // The same tile as the critic sees it: NCDHW [1, 3, o, o, o].
        INDArray fake = pre.reshape(1, o, o, o, 3).permute(0, 4, 1, 2, 3).dup('c').castTo(DataType.FLOAT);
        INDArray real = labels.reshape(1, o, o, o, 3).permute(0, 4, 1, 2, 3).dup('c').castTo(DataType.FLOAT);
        double gap = adv.prepare(critic, real, fake, Nd4j.zeros(DataType.FLOAT, 1, 3, o, o, o), 1);
        assertTrue(Double.isFinite(gap));
        INDArray with = loss.computeGradient(labels, pre, ID, null);
        assertTrue(with.sub(plain).amaxNumber().doubleValue() > 0, "the critic's gradient is added");
        assertEquals(scorePlain, loss.computeScore(labels, pre, ID, null, false), 1e-12, "the reported loss stays supervised");
        adv.forget();
        assertEquals(0.0, loss.computeGradient(labels, pre, ID, null).sub(plain).amaxNumber().doubleValue(), 0.0);
    }

    /** Model files written before the term list name EulerianLoss with its weights: they load as the same terms. */
    @Test
    void anOldModelsLossLoadsAsTerms() throws Exception {
        String json = "{\"@class\":\"org.loupe.model.EulerianLoss\",\"side\":4,\"weight\":0.5,\"l1\":false,"
                + "\"densityWeight\":0.1,\"cellsPerUnit\":0.7,\"spectralWeight\":0.0}";
        ILossFunction f = org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper().readValue(json, ILossFunction.class);
        assertTrue(f instanceof EulerianLoss);
        CompositeLoss loss = (CompositeLoss) f;
        assertEquals(LossSpec.fromCompact("mse:1,divergence:0.5,density:0.1"), loss.spec());
        CompositeLoss same = new CompositeLoss(loss.spec(), 4, 0.7);
        INDArray labels = random(128, 3, 1);
        INDArray pre = random(128, 3, 2);
        assertEquals(same.computeScore(labels, pre, ID, null, false), loss.computeScore(labels, pre, ID, null, false), 1e-12);
        String now = org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper().writeValueAsString(same);
        assertEquals(same, org.deeplearning4j.nn.conf.NeuralNetConfiguration.mapper().readValue(now, ILossFunction.class));
    }

    @Test
    void theListParsesAndNamesItsMistakes() {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        java.util.function.Function<String, LossSpec> parse = s -> {
            try {
                return LossSpec.parse(yaml.readTree(s));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(List.of(new LossSpec.Term("mse", 1), new LossSpec.Term("density", 0.0035)),
                parse.apply("[{mse: 1}, {density: 0.0035}]").terms());
        assertEquals(LossSpec.of("l1"), parse.apply("l1"));
        assertEquals("[{mse=1.0}, {spectral=0.2}]", parse.apply("[{mse: 1}, {spectral: 0.2}]").toList().toString());
        for (String bad : new String[] {"[{msa: 1}]", "[{mse: 0}]", "[{mse: 1}, {mse: 2}]", "[]", "[{mse: x}]", "huber",
            "[{mse: 1, l1: 1}]"}) {
            var e = assertThrows(ConfigException.class, () -> parse.apply(bad), bad);
            assertTrue(e.getMessage().contains("train.loss"), e.getMessage());
        }
        assertTrue(assertThrows(ConfigException.class, () -> parse.apply("[{msa: 1}]")).getMessage().contains("mse, l1, divergence"));
    }
}
