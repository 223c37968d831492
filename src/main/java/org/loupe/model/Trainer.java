package org.loupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;

import org.loupe.ConfigException;
import org.loupe.OutputException;
import org.loupe.SplitMix64;
import org.loupe.model.loss.Adversarial;
import org.loupe.model.loss.CompositeLoss;
import org.loupe.tiles.GeneratorGeometry;
import org.loupe.tiles.PairFields;
import org.loupe.tiles.Symmetry;
import org.loupe.tiles.TileBatch;
import org.loupe.tiles.TileIterator;
import org.loupe.tiles.TileSpec;

/**
 * Trains the generator with Adam on randomly placed, randomly oriented tiles.
 *
 * <p>Resumable by construction: the examples of step g come from a random stream seeded by
 * (seed, g) alone, the learning rate is a function of the epoch, and checkpoints hold the weights,
 * the Adam moments and the step. Resuming from any checkpoint therefore replays exactly what an
 * uninterrupted run would have done.
 */
public final class Trainer {

    /** One row of the loss curve. */
    public record EpochRecord(int epoch, long step, double trainLoss, double validationLoss, double learningRate,
                              double seconds, double tilesPerSecond, double criticGap) {
    }

    /** Called after every step and every epoch. */
    public interface Listener {
        void step(long step, long totalSteps, double loss);

        void epoch(EpochRecord record);

        /**
         * Called after an epoch's checkpoint when {@code train.exportEvery} says so: the generator as
         * it stands, to be written as an upscalable model file.
         */
        default void export(EpochRecord record, ComputationGraph graph) {
        }
    }

    private final GeneratorSpec generator;
    private final TileSpec tiles;
    private final TrainSpec train;
    private final List<PairFields> trainPairs;
    private final List<PairFields> validationPairs;
    private final GeneratorGeometry geometry;
    /** Devices ND4J trains on; more than one only with several GPUs (on CPU: 1, plain fit). */
    private int devices = 1;
    private org.deeplearning4j.parallelism.ParallelWrapper multiDevice;
    /** HR lattice cells per unit of the normalised displacement (for the CIC density terms). */
    private final double cellsPerUnit;
    private Critic critic;

    public Trainer(GeneratorSpec generator, TileSpec tiles, TrainSpec train, List<PairFields> trainPairs,
                   List<PairFields> validationPairs) {
        if (trainPairs.isEmpty()) {
            throw new ConfigException("no training pairs: the data manifest needs at least one pair with split: train");
        }
        this.generator = generator;
        this.tiles = tiles;
        this.train = train;
        this.trainPairs = trainPairs;
        this.validationPairs = validationPairs.isEmpty() ? trainPairs : validationPairs;
        this.geometry = new GeneratorGeometry(generator.scale(), tiles.cropCells(), tiles.haloCells(), generator.lrConvs());
        this.cellsPerUnit = train.loss().paints() ? cellsPerUnit(trainPairs) : 0;
        if (tiles.velocity() != generator.velocity()) {
            throw new ConfigException("tiles.velocity and generator.velocity must agree");
        }
    }

    public GeneratorGeometry geometry() {
        return geometry;
    }

    /**
     * Trains from the latest checkpoint in {@code checkpoints} (or from scratch) to the end, or
     * until {@code stop} says so, when it checkpoints and returns. Appends epochs to {@code curveCsv}.
     */
    public ComputationGraph run(Checkpoints checkpoints, Path curveCsv, BooleanSupplier stop, Listener listener) {
        ComputationGraph graph;
        TrainState state;
        boolean resumed = checkpoints.exists();
        if (resumed) {
            graph = checkpoints.restoreGraph();
            state = checkpoints.restoreState();
            requireShape(graph, checkpoints.latest());
            GeneratorFactory.setLoss(graph, train, geometry.outputSide(), cellsPerUnit);
        } else {
            graph = GeneratorFactory.build(generator, geometry, train, cellsPerUnit);
            state = new TrainState(0, 0, train.learningRate());
            writeCurveHeader(curveCsv);
        }
        if (train.adversarialEnabled()) {
            var net = resumed ? checkpoints.restoreCritic() : null;
            if (net != null && net.getLayer(0).getParam("W").size(0) != train.adversarial().width()) {
                throw new ConfigException(checkpoints.latest() + ": its critic has width " + net.getLayer(0).getParam("W").size(0)
                        + ", train.adversarial.width is " + train.adversarial().width() + "; restore the width or delete the"
                        + " .critic.zip beside it to start a fresh critic");
            }
            critic = net != null ? new Critic(net, train.adversarial(), generator.channels(), geometry.outputSide(), cellsPerUnit)
                    : new Critic(train.adversarial(), generator.channels(), geometry.outputSide(), cellsPerUnit, train.seed());
        }
        long total = (long) train.epochs() * train.stepsPerEpoch();
        // The adversarial step injects the critic's gradient into one graph's loss, and the multi-device
        // iterator carries no initial-condition modes: one device.
        devices = critic != null || generator.icModes() ? 1 : Backend.deviceCount();
        multiDevice = devices > 1 ? new org.deeplearning4j.parallelism.ParallelWrapper.Builder<>(graph).workers(devices)
                .averagingFrequency(1).averageUpdaters(true).prefetchBuffer(2)
                .trainingMode(org.deeplearning4j.parallelism.ParallelWrapper.TrainingMode.AVERAGING).build() : null;
        long step = state.step();
        double epochLoss = state.epochLossSum();
        double epochGap = state.epochGapSum();
        long epochStart = System.nanoTime();
        long stepsThisRun = 0;
        double lastLr = Double.NaN;
        // The next step's tiles are cut on another thread while the network runs this one; the
        // examples depend on (seed, step) alone, so the batches are the same as without it.
        java.util.concurrent.ExecutorService prefetch = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loupe-tiles");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<MultiDataSet> next = multiDevice == null && step < total ? prefetch.submit(batchTask(step)) : null;
        try {
            while (step < total) {
                int epoch = (int) (step / train.stepsPerEpoch());
                double lr = train.learningRateAt(step);
                if (lr != lastLr) {
                    graph.setLearningRate(lr);
                    if (critic != null) {
                        critic.setLearningRateFactor(lr / train.learningRate());
                    }
                    lastLr = lr;
                }
                if (multiDevice != null) {
                    // One batch per device, averaged after every step (ParallelWrapper, AVERAGING mode).
                    long s0 = step * devices;
                    multiDevice.fit(new TileIterator(trainPairs, this::examples, geometry, generator.channels(),
                            generator.noiseChannels(), generator.blockNoise(), s0, s0 + devices));
                } else {
                    MultiDataSet batch = take(next);
                    next = step + 1 < total ? prefetch.submit(batchTask(step + 1)) : null;
                    boolean adversarial = critic != null && epoch >= train.adversarial().pretrainEpochs();
                    if (adversarial) {
                        epochGap += adversarialStep(graph, batch);
                    }
                    graph.fit(batch);
                    if (adversarial) {
                        adversarialTerm(graph).forget();
                    }
                }
                double loss = perElement(graph.score());
                if (!Double.isFinite(loss)) {
                    throw new ConfigException("training diverged at step " + step + " (loss " + loss + "); lower train.learningRate");
                }
                epochLoss += loss;
                step++;
                stepsThisRun++;
                listener.step(step, total, loss);
                boolean stopNow = stop.getAsBoolean();
                if (step % train.stepsPerEpoch() == 0) {
                    double seconds = (System.nanoTime() - epochStart) * 1e-9;
                    boolean criticOn = critic != null && epoch >= train.adversarial().pretrainEpochs();
                    EpochRecord rec = new EpochRecord(epoch + 1, step, epochLoss / train.stepsPerEpoch(), validate(graph), lr,
                            seconds, stepsThisRun * train.batch() / Math.max(seconds, 1e-9),
                            criticOn ? epochGap / train.stepsPerEpoch() : Double.NaN);
                    appendCurve(curveCsv, rec);
                    listener.epoch(rec);
                    epochLoss = 0;
                    epochGap = 0;
                    checkpoints.save(graph, criticNet(), new TrainState(step, 0, lr, 0));
                    if (train.exportEvery() > 0 && (epoch + 1) % train.exportEvery() == 0) {
                        listener.export(rec, graph);
                    }
                    epochStart = System.nanoTime();
                    stepsThisRun = 0;
                } else if (stopNow) {
                    checkpoints.save(graph, criticNet(), new TrainState(step, epochLoss, lr, epochGap));
                }
                if (stopNow) {
                    return graph;
                }
            }
            return graph;
        } finally {
            prefetch.shutdownNow();
        }
    }

    /** The batch of global step {@code step}, cut from the training pairs. */
    private java.util.concurrent.Callable<MultiDataSet> batchTask(long step) {
        return () -> TileBatch.assemble(trainPairs, examples(step), geometry, generator.channels(), generator.noiseChannels(),
                generator.blockNoise(), generator.icModes());
    }

    private static MultiDataSet take(java.util.concurrent.Future<MultiDataSet> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cutting tiles", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * A checkpoint holds the generator the config describes: a run folder whose config record was
     * lost (or a checkpoint written while the folder was being replaced) would otherwise resume
     * another network under this config's name.
     */
    private void requireShape(ComputationGraph restored, java.nio.file.Path latest) {
        ComputationGraph fresh = GeneratorFactory.build(generator, geometry, train, train.loss().paints() ? cellsPerUnit : 0);
        if (restored.numParams() != fresh.numParams()
                || !restored.getConfiguration().getNetworkInputs().equals(fresh.getConfiguration().getNetworkInputs())) {
            throw new ConfigException(latest + " holds a generator of " + restored.numParams() + " parameters with inputs "
                    + restored.getConfiguration().getNetworkInputs() + ", the config's has " + fresh.numParams() + " with "
                    + fresh.getConfiguration().getNetworkInputs() + "; start a new --out, or pass --fresh to start over");
        }
    }

    /**
     * HR lattice cells per unit of the normalised displacement: the same for every pair, or the
     * CIC terms would paint some pairs at the wrong scale.
     */
    private static double cellsPerUnit(List<PairFields> pairs) {
        double first = Double.NaN;
        for (PairFields p : pairs) {
            if (p.hr() == null) {
                return 0;
            }
            double c = p.norm().displacementMpcH() / p.hr().cellSizeMpcH();
            if (Double.isNaN(first)) {
                first = c;
            } else if (Math.abs(c - first) > 1e-6 * first) {
                throw new ConfigException("pair " + p.id() + " has " + c + " HR cells per normalised displacement unit, pair "
                        + pairs.get(0).id() + " has " + first + " (different box, resolution or redshift); the density,"
                        + " spectral and critic terms need one scale: train on pairs of one box, resolution and redshift");
            }
        }
        return first;
    }

    private org.deeplearning4j.nn.multilayer.MultiLayerNetwork criticNet() {
        return critic == null ? null : critic.network();
    }

    /**
     * The critic's part of a step: {@code criticSteps} critic updates on this batch's HR tiles
     * against the generator's current output, then the gradient of weight × critic score with
     * respect to the output, handed to the generator's loss for the {@code fit} that follows.
     * Returns the critic's gap mean C(fake) − mean C(real) before its last update (negative once
     * the critic tells them apart; towards 0 as the generator fools it).
     */
    private double adversarialStep(ComputationGraph graph, MultiDataSet batch) {
        var in = batch.getFeatures();
        var fake = graph.output(false, in)[0];
        return adversarialTerm(graph).prepare(critic, batch.getLabels(0), fake, in[1], train.adversarial().criticSteps());
    }

    /** The adversarial term inside the graph's loss layer (the object DL4J calls during fit). */
    private static Adversarial adversarialTerm(ComputationGraph graph) {
        var layer = (org.deeplearning4j.nn.conf.layers.Cnn3DLossLayer) graph.getLayer("out").conf().getLayer();
        return ((CompositeLoss) layer.getLossFn()).term(Adversarial.class);
    }

    /** The batch of global step {@code step}: depends on (seed, step) only. */
    List<TileBatch.Example> examples(long step) {
        SplittableRandom rng = new SplittableRandom(mix(train.seed(), step));
        List<TileBatch.Example> out = new ArrayList<>(train.batch());
        for (int b = 0; b < train.batch(); b++) {
            int pair = rng.nextInt(trainPairs.size());
            int n = trainPairs.get(pair).lr().size();
            int[] anchor = {rng.nextInt(n), rng.nextInt(n), rng.nextInt(n)};
            Symmetry sym = tiles.augment() ? Symmetry.all().get(rng.nextInt(48)) : Symmetry.identity();
            out.add(new TileBatch.Example(pair, anchor, sym, rng.nextLong()));
        }
        return out;
    }

    /** Mean loss on fixed, unaugmented tiles of the validation pairs. */
    public double validate(ComputationGraph graph) {
        SplittableRandom rng = new SplittableRandom(mix(train.seed(), -1));
        double sum = 0;
        for (int v = 0; v < train.validationTiles(); v++) {
            int pair = v % validationPairs.size();
            int n = validationPairs.get(pair).lr().size();
            int[] anchor = {rng.nextInt(n), rng.nextInt(n), rng.nextInt(n)};
            MultiDataSet ds = TileBatch.assemble(validationPairs, List.of(new TileBatch.Example(pair, anchor, Symmetry.identity(),
                    rng.nextLong())), geometry, generator.channels(), generator.noiseChannels(), generator.blockNoise(),
                    generator.icModes());
            sum += perElement(graph.score(ds, false));
        }
        return sum / train.validationTiles();
    }

    /**
     * DL4J's CNN loss layers report the per-example sum over voxels of the channel-mean loss;
     * dividing by the voxel count gives the mean D(output − target) per element, comparable
     * across tile sizes.
     */
    private double perElement(double score) {
        double o = geometry.outputSide();
        return score / (o * o * o);
    }

    static long mix(long seed, long step) {
        return SplitMix64.mix(seed, step);
    }

    private static void writeCurveHeader(Path csv) {
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, "epoch,step,train_loss,validation_loss,learning_rate,seconds,tiles_per_second,critic_gap\n");
        } catch (IOException e) {
            throw new OutputException(csv + ": cannot write the loss curve: " + e.getMessage(), e);
        }
    }

    private static void appendCurve(Path csv, EpochRecord r) {
        try {
            Files.writeString(csv, String.format(Locale.ROOT, "%d,%d,%.8g,%.8g,%.6g,%.3f,%.4g,%s%n", r.epoch(), r.step(),
                    r.trainLoss(), r.validationLoss(), r.learningRate(), r.seconds(), r.tilesPerSecond(),
                    Double.isNaN(r.criticGap()) ? "" : String.format(Locale.ROOT, "%.6g", r.criticGap())),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new OutputException(csv + ": cannot append to the loss curve: " + e.getMessage(), e);
        }
    }
}
