package org.loupe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.tiles.GeneratorGeometry;
import org.loupe.tiles.Normalization;
import org.loupe.tiles.PairFields;
import org.loupe.tiles.TileSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.loupe.testing.Slow;

@Slow
class TrainerTest {

    @TempDir
    Path dir;

    private static final TileSpec TILES = new TileSpec(4, 2, false, true);

    private static TrainSpec spec(int epochs, int steps) {
        return TrainSpec.of(epochs, steps, 7).withBatch(2).withLearningRate(3e-3).withLearningRateDecay(0.9).withValidationTiles(2);
    }

    /** Plain and residual generators: the size arithmetic, and an untrained one outputs exactly its trilinear input. */
    @ParameterizedTest(name = "s={0} residual={3}")
    @CsvSource({"2,4,2,false", "4,2,2,false", "8,1,2,false", "2,4,2,true", "4,2,2,true", "8,1,2,true"})
    void generatorOutputMatchesTheSizeArithmetic(int s, int c, int p, boolean residual) {
        GeneratorGeometry geo = new GeneratorGeometry(s, c, p);
        ComputationGraph g = GeneratorFactory.build(new GeneratorSpec(s, 4, false, 0, residual), geo, spec(1, 1));
        int in = geo.inputSide();
        int out = geo.outputSide();
        INDArray tri = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, out, out, out);
        INDArray[] y = g.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, in, in, in), tri);
        assertArrayEquals(new long[] {1, 3, out, out, out}, y[0].shape());
        assertEquals(0.0, y[0].sub(tri).amaxNumber().doubleValue(), 0.0, "zero-initialised projection");
    }

    @ParameterizedTest(name = "residual={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aFewStepsReduceTheLoss(boolean residual) {
        GeneratorSpec gs = new GeneratorSpec(2, 8, false, 0, residual);
        Trainer t = new Trainer(gs, TILES, spec(1, 30), List.of(pair(1)), List.of(pair(1)));
        ComputationGraph before = GeneratorFactory.build(gs, t.geometry(), spec(1, 30));
        double initial = t.validate(before);
        ComputationGraph after = t.run(new Checkpoints(dir.resolve("ck")), dir.resolve("curve.csv"), () -> false, quiet());
        double trained = t.validate(after);
        assertTrue(trained < 0.7 * initial, "validation loss " + initial + " -> " + trained);
    }

    @Test
    void resumeGivesTheSameModelAsAnUninterruptedRun() throws Exception {
        List<PairFields> pairs = List.of(pair(1), pair(2));
        TrainSpec ts = spec(2, 3);
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0);
        ComputationGraph straight = new Trainer(gs, TILES, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("a")), dir.resolve("a.csv"), () -> false, quiet());
        // Interrupted after 2 steps (mid-epoch), then resumed from the checkpoint.
        AtomicInteger calls = new AtomicInteger();
        new Trainer(gs, TILES, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("b")), dir.resolve("b.csv"), () -> calls.incrementAndGet() >= 2, quiet());
        Checkpoints ck = new Checkpoints(dir.resolve("b"));
        assertEquals(2, ck.restoreState().step());
        ComputationGraph resumed = new Trainer(gs, TILES, ts, pairs, pairs)
                .run(ck, dir.resolve("b.csv"), () -> false, quiet());
        // Exact: INDArray.equals is tolerance-based (1e-5), so compare the largest difference.
        assertEquals(0.0, straight.params().sub(resumed.params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, straight.updaterState().sub(resumed.updaterState()).amaxNumber().doubleValue(), 0.0);
        assertEquals(Files.readAllLines(dir.resolve("a.csv")).size(), Files.readAllLines(dir.resolve("b.csv")).size());
    }

    /**
     * With the density term and the critic (after one supervised epoch), an interrupted and resumed
     * run equals the uninterrupted one: generator, its Adam state and the critic's weights.
     */
    @ParameterizedTest(name = "residual and block noise {0}, {1} {2}")
    @CsvSource({"false, clip, wasserstein", "true, spectral, hinge"})
    void adversarialResumeGivesTheSameModelsAsAnUninterruptedRun(boolean srsgan, String lipschitz, String objective) throws Exception {
        List<PairFields> pairs = List.of(pair(1), pair(2));
        TrainSpec ts = TrainSpec.of(2, 3, 7).withBatch(2).withLearningRate(3e-3).withLearningRateDecay(0.9).withValidationTiles(2).withTerm("density", 0.5).withTerm("adversarial", 0.1).withAdversarial(new AdversarialSpec(1, 4, 1e-3, 0.05, 2, lipschitz, objective));
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0, srsgan, srsgan);
        ComputationGraph straight = new Trainer(gs, TILES, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("a")), dir.resolve("a.csv"), () -> false, quiet());
        AtomicInteger calls = new AtomicInteger();
        new Trainer(gs, TILES, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("b")), dir.resolve("b.csv"), () -> calls.incrementAndGet() >= 5, quiet());
        Checkpoints ck = new Checkpoints(dir.resolve("b"));
        assertEquals(5, ck.restoreState().step(), "stopped inside the adversarial epoch");
        var criticMid = ck.restoreCritic();
        ComputationGraph resumed = new Trainer(gs, TILES, ts, pairs, pairs).run(ck, dir.resolve("b.csv"), () -> false, quiet());
        assertEquals(0.0, straight.params().sub(resumed.params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, straight.updaterState().sub(resumed.updaterState()).amaxNumber().doubleValue(), 0.0);
        var criticA = new Checkpoints(dir.resolve("a")).restoreCritic();
        var criticB = new Checkpoints(dir.resolve("b")).restoreCritic();
        assertEquals(0.0, criticA.params().sub(criticB.params()).amaxNumber().doubleValue(), 0.0);
        assertTrue(criticMid.params().sub(criticA.params()).amaxNumber().doubleValue() > 0, "the critic trained after step 5");
        List<String> curve = Files.readAllLines(dir.resolve("a.csv"));
        assertTrue(curve.get(0).endsWith(",critic_gap"));
        assertTrue(curve.get(1).endsWith(","), "no critic in the pre-training epoch: " + curve.get(1));
        assertTrue(!curve.get(2).endsWith(","), "critic gap in epoch 2: " + curve.get(2));
        assertEquals(withoutTimings(curve), withoutTimings(Files.readAllLines(dir.resolve("b.csv"))));
    }

    /** Supervised epochs first, then the critic switched on in the config: the run resumes with it. */
    @Test
    void aSupervisedCheckpointResumesWithTheCriticSwitchedOn() throws Exception {
        List<PairFields> pairs = List.of(pair(1));
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0);
        Checkpoints ck = new Checkpoints(dir.resolve("switch"));
        new Trainer(gs, TILES, TrainSpec.of(1, 2, 7).withBatch(2).withLearningRate(3e-3).withValidationTiles(1), pairs, pairs)
                .run(ck, dir.resolve("s.csv"), () -> false, quiet());
        assertEquals(null, ck.restoreCritic(), "no critic in a supervised run");
        TrainSpec adv = TrainSpec.of(2, 2, 7).withBatch(2).withLearningRate(3e-3).withValidationTiles(1).withTerm("adversarial", 0.1).withAdversarial(new AdversarialSpec(1, 4, 1e-3, 0.05, 1, "clip", "wasserstein"));
        ComputationGraph g = new Trainer(gs, TILES, adv, pairs, pairs).run(ck, dir.resolve("s.csv"), () -> false, quiet());
        assertEquals(4, ck.restoreState().step());
        assertTrue(ck.restoreCritic() != null, "critic saved once it trained");
        assertTrue(Files.readAllLines(dir.resolve("s.csv")).get(2).split(",", -1)[7].length() > 0, "critic gap in epoch 2");
        assertTrue(Double.isFinite(g.score()));
    }

    /** The CIC terms need one lattice scale: pairs of different boxes are refused with both names. */
    @Test
    void pairsOfDifferentScalesAreRefusedForTheCicTerms() {
        PairFields a = pair(1);
        PairFields b0 = pair(2);
        Grid hr = new Grid(b0.hr().size(), 3, 32, b0.hr().values(), b0.hr().info());
        Grid lr = new Grid(b0.lr().size(), 3, 32, b0.lr().values(), b0.lr().info());
        PairFields b = new PairFields("big-box", lr, hr, b0.norm());
        TrainSpec dens = TrainSpec.of(1, 1, 7).withLearningRate(3e-3).withValidationTiles(1).withTerm("density", 0.01);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.loupe.ConfigException.class,
                () -> new Trainer(new GeneratorSpec(2, 4, false, 0), TILES, dens, List.of(a, b), List.of(a)));
        assertTrue(e.getMessage().contains("big-box") && e.getMessage().contains("p1"), e.getMessage());
        // Plain MSE works in normalised units and takes them.
        new Trainer(new GeneratorSpec(2, 4, false, 0), TILES, spec(1, 1), List.of(a, b), List.of(a));
    }

    /** The critic changes what the generator learns (its gradient reaches the weights). */
    @Test
    void theCriticGradientReachesTheGenerator() {
        List<PairFields> pairs = List.of(pair(1));
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0);
        TrainSpec plain = TrainSpec.of(1, 3, 7).withBatch(2).withLearningRate(3e-3).withValidationTiles(1).withTerm("adversarial", 1e-9).withAdversarial(new AdversarialSpec(0, 4, 1e-3, 0.05, 1, "clip", "wasserstein"));
        TrainSpec adv = TrainSpec.of(1, 3, 7).withBatch(2).withLearningRate(3e-3).withValidationTiles(1).withTerm("adversarial", 10).withAdversarial(new AdversarialSpec(0, 4, 1e-3, 0.05, 1, "clip", "wasserstein"));
        ComputationGraph a = new Trainer(gs, TILES, plain, pairs, pairs).run(new Checkpoints(dir.resolve("p")), dir.resolve("p.csv"),
                () -> false, quiet());
        ComputationGraph b = new Trainer(gs, TILES, adv, pairs, pairs).run(new Checkpoints(dir.resolve("q")), dir.resolve("q.csv"),
                () -> false, quiet());
        assertTrue(a.params().sub(b.params()).amaxNumber().doubleValue() > 1e-6);
    }

    @Test
    void aStochasticGeneratorTrainsWithFreshNoisePerTile() {
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 2);
        Trainer t = new Trainer(gs, TILES, spec(1, 4), List.of(pair(1)), List.of(pair(1)));
        ComputationGraph g = t.run(new Checkpoints(dir.resolve("noise")), dir.resolve("n.csv"), () -> false, quiet());
        assertEquals(5, g.getLayer("conv0a").getParam("W").size(1), "3 field + 2 noise input channels");
        assertTrue(Double.isFinite(t.validate(g)));
    }

    /** A checkpoint of another generator (its config record lost) is refused, not resumed under the new config. */
    @Test
    void aCheckpointOfAnotherGeneratorIsRefused() {
        List<PairFields> pairs = List.of(pair(1));
        new Trainer(new GeneratorSpec(2, 4, false, 0), TILES, spec(1, 2), pairs, pairs)
                .run(new Checkpoints(dir.resolve("other")), dir.resolve("other.csv"), () -> false, quiet());
        Trainer wider = new Trainer(new GeneratorSpec(2, 6, false, 0), TILES, spec(2, 2), pairs, pairs);
        org.loupe.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(org.loupe.ConfigException.class,
                () -> wider.run(new Checkpoints(dir.resolve("other")), dir.resolve("other.csv"), () -> false, quiet()));
        assertTrue(e.getMessage().contains("holds a generator of"), e.getMessage());
    }

    @Test
    void checkpointRoundTripKeepsWeightsAndState() {
        GeneratorGeometry geo = new GeneratorGeometry(2, 4, 2);
        ComputationGraph g = GeneratorFactory.build(new GeneratorSpec(2, 4, false, 0), geo, spec(1, 1));
        Checkpoints ck = new Checkpoints(dir.resolve("rt"));
        ck.save(g, new TrainState(17, 1.5, 2e-4));
        assertEquals(0.0, g.params().sub(ck.restoreGraph().params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(new TrainState(17, 1.5, 2e-4), ck.restoreState());
    }

    @Test
    void anExportedEpochEqualsAModelTrainedToThatStep() {
        List<PairFields> pairs = List.of(pair(1), pair(2));
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0);
        List<ComputationGraph> exported = new ArrayList<>();
        Trainer.Listener keep = counting(exported);
        new Trainer(gs, TILES, spec(3, 2), pairs, pairs).run(new Checkpoints(dir.resolve("e")), dir.resolve("e.csv"), () -> false, keep);
        assertEquals(3, exported.size(), "one export per epoch");
        // The per-epoch exponential schedule depends on the step alone, so a 1-epoch run is the first epoch of a longer one.
        ComputationGraph oneEpoch = new Trainer(gs, TILES, spec(1, 2), pairs, pairs)
                .run(new Checkpoints(dir.resolve("o")), dir.resolve("o.csv"), () -> false, quiet());
        assertEquals(0.0, exported.get(0).params().sub(oneEpoch.params()).amaxNumber().doubleValue(), 0.0);
        assertTrue(exported.get(2).params().sub(oneEpoch.params()).amaxNumber().doubleValue() > 0, "later epochs move on");
        List<ComputationGraph> everySecond = new ArrayList<>();
        new Trainer(gs, TILES, spec(3, 2).withExportEvery(2), pairs, pairs).run(new Checkpoints(dir.resolve("f")),
                dir.resolve("f.csv"), () -> false, counting(everySecond));
        assertEquals(1, everySecond.size(), "train.exportEvery 2: epoch 2 of 3");
    }

    /**
     * A wave that LR cannot hold (period 4 HR sites, a new phase per pair) is learnt when the
     * generator reads the small-scale modes that carry it, and not without them.
     */
    @Test
    void aGeneratorThatReadsTheSmallScaleModesLearnsWhatLrCannotHold() {
        List<PairFields> pairs = List.of(waved(1), waved(2), waved(3));
        TileSpec tiles = new TileSpec(4, 3, false, true);
        TrainSpec ts = spec(1, 60).withLearningRate(5e-3).withLearningRateDecay(1);
        GeneratorSpec without = new GeneratorSpec(2, 8, false, 0, true, false, 1, false);
        GeneratorSpec with = without.withIcModes(true);
        Trainer a = new Trainer(without, tiles, ts, pairs, pairs);
        Trainer b = new Trainer(with, tiles, ts, pairs, pairs);
        double lossWithout = a.validate(a.run(new Checkpoints(dir.resolve("w0")), dir.resolve("w0.csv"), () -> false, quiet()));
        double lossWith = b.validate(b.run(new Checkpoints(dir.resolve("w1")), dir.resolve("w1.csv"), () -> false, quiet()));
        assertTrue(lossWith < 0.85 * lossWithout, "with the modes " + lossWith + ", without " + lossWithout);
    }

    @Test
    void aGeneratorWithSmallScaleModesResumesExactly() {
        List<PairFields> pairs = List.of(waved(1), waved(2));
        TileSpec tiles = new TileSpec(4, 3, false, true);
        TrainSpec ts = spec(2, 3);
        GeneratorSpec gs = new GeneratorSpec(2, 4, false, 0, true, false, 1, true);
        ComputationGraph straight = new Trainer(gs, tiles, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("ia")), dir.resolve("ia.csv"), () -> false, quiet());
        AtomicInteger calls = new AtomicInteger();
        new Trainer(gs, tiles, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("ib")), dir.resolve("ib.csv"), () -> calls.incrementAndGet() >= 4, quiet());
        ComputationGraph resumed = new Trainer(gs, tiles, ts, pairs, pairs)
                .run(new Checkpoints(dir.resolve("ib")), dir.resolve("ib.csv"), () -> false, quiet());
        assertEquals(0.0, straight.params().sub(resumed.params()).amaxNumber().doubleValue(), 0.0);
        assertEquals(3, GeneratorFactory.lrConvs(straight) + 2, "one LR convolution");
        assertTrue(GeneratorFactory.takesIcModes(straight));
    }

    /** {@link #pair} plus a period-4 wave of a new phase per seed, which its small-scale modes carry. */
    private static PairFields waved(long seed) {
        PairFields p = pair(seed);
        int nh = p.hr().size();
        int nl = p.lr().size();
        double phase = new SplittableRandom(seed * 31).nextDouble() * 6.28;
        float[] wave = new float[3 * nh * nh * nh];
        float[] hr = p.hr().values().clone();
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < nh; x++) {
                for (int y = 0; y < nh; y++) {
                    for (int z = 0; z < nh; z++) {
                        int i = ((c * nh + x) * nh + y) * nh + z;
                        wave[i] = (float) Math.sin(Math.PI * (x + y) / 2 + phase + c);
                        hr[i] += 0.5f * wave[i];
                    }
                }
            }
        }
        float[] lr = p.lr().values().clone();
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    for (int z = 0; z < nl; z++) {
                        lr[((c * nl + x) * nl + y) * nl + z] = hr[((c * nh + 2 * x) * nh + 2 * y) * nh + 2 * z];
                    }
                }
            }
        }
        GridInfo info = p.hr().info();
        return new PairFields(p.id(), new Grid(nl, 3, 16, lr, info), new Grid(nh, 3, 16, hr, info), p.norm())
                .withIcs(new Grid(nh, 3, 16, wave, info));
    }

    private static Trainer.Listener counting(List<ComputationGraph> into) {
        return new Trainer.Listener() {
            @Override
            public void step(long step, long totalSteps, double loss) {
            }

            @Override
            public void epoch(Trainer.EpochRecord record) {
            }

            @Override
            public void export(Trainer.EpochRecord record, ComputationGraph graph) {
                into.add(graph.clone());   // the trainer goes on updating the graph it hands over
            }
        };
    }

    /** The curve without its wall-clock columns (seconds, tiles per second). */
    private static List<String> withoutTimings(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split(",", -1);
            out.add(String.join(",", f[0], f[1], f[2], f[3], f[4], f[7]));
        }
        return out;
    }

    private static Trainer.Listener quiet() {
        return new Trainer.Listener() {
            @Override
            public void step(long step, long totalSteps, double loss) {
            }

            @Override
            public void epoch(Trainer.EpochRecord record) {
            }
        };
    }

    /** HR: smooth waves plus a small-scale wave; LR: the HR field at even sites (learnable). */
    static PairFields pair(long seed) {
        int nh = 16;
        int nl = 8;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] k = new double[4][3];
        double[] ph = new double[4];
        for (int q = 0; q < 4; q++) {
            for (int a = 0; a < 3; a++) {
                k[q][a] = 2 * Math.PI * (rng.nextInt(5) - 2) / nh;
            }
            ph[q] = rng.nextDouble() * 6.28;
        }
        float[] hr = new float[3 * nh * nh * nh];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < nh; x++) {
                for (int y = 0; y < nh; y++) {
                    for (int z = 0; z < nh; z++) {
                        double v = 0;
                        for (int q = 0; q < 4; q++) {
                            v += Math.cos(k[q][0] * x + k[q][1] * y + k[q][2] * z + ph[q] + c);
                        }
                        v += 0.3 * Math.sin(Math.PI * x / 2 + c);   // period 4 HR cells: only HR resolves it well
                        hr[((c * nh + x) * nh + y) * nh + z] = (float) v;
                    }
                }
            }
        }
        float[] lr = new float[3 * nl * nl * nl];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    for (int z = 0; z < nl; z++) {
                        lr[((c * nl + x) * nl + y) * nl + z] = hr[((c * nh + 2 * x) * nh + 2 * y) * nh + 2 * z];
                    }
                }
            }
        }
        GridInfo info = GridInfo.lattice(GridKind.DISPLACEMENT, 0, new ArrayList<>());
        return new PairFields("p" + seed, new Grid(nl, 3, 16, lr, info), new Grid(nh, 3, 16, hr, info), new Normalization(1, 1));
    }
}
