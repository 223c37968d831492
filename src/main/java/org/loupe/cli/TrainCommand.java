package org.loupe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.deeplearning4j.nn.graph.ComputationGraph;

import org.loupe.ConfigException;
import org.loupe.mesh.SourceFile;
import org.loupe.model.Backend;
import org.loupe.model.Checkpoints;
import org.loupe.model.GeneratorSpec;
import org.loupe.model.ModelFile;
import org.loupe.model.Trainer;
import org.loupe.report.LossCurvePlot;
import org.loupe.AtomicFiles;
import org.loupe.run.ConfigLoader;
import org.loupe.run.DataManifest;
import org.loupe.run.PairLoader;
import org.loupe.run.ProgressBar;
import org.loupe.run.Provenance;
import org.loupe.run.RunConfig;
import org.loupe.tiles.PairFields;
import org.loupe.tiles.TileSpec;

/** {@code loupe train}: trains the generator on the pairs of a data manifest, resuming by default. */
@Command(name = "train", description = "Train the super-resolution generator (resumes from the latest checkpoint).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/<config name>).")
    Path out;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Data manifest of LR/HR pairs (e.g. from loupe manifest create --pair); overrides the config's data.manifest.")
    Path manifestOption;

    @Option(names = "--fresh", description = "Ignore existing checkpoints in the run folder and start over.")
    boolean fresh;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (common.config == null) {
            throw new ConfigException("train needs --config FILE with data:, generator:, tiles: and train: sections"
                    + " (see configs/train-quick.yaml)");
        }
        RunConfig rc = common.runConfig();
        if ((manifestOption == null && (rc.data() == null || rc.data().manifest() == null)) || rc.train() == null) {
            throw new ConfigException(common.config + ": train needs data.manifest (or --manifest FILE) and a train: section"
                    + " (see configs/train-quick.yaml)");
        }
        GeneratorSpec gen = rc.generator() != null ? rc.generator() : GeneratorSpec.defaults();
        // Without a tiles: section the tiles carry the generator's channels; every other setting is TileSpec's default.
        TileSpec tiles = rc.tiles() != null ? rc.tiles() : TileSpec.defaults().withVelocity(gen.velocity());
        Path dir = common.runDir(rc, out, "train");
        Path manifestFile = manifestOption != null ? manifestOption.toAbsolutePath()
                : common.config.toAbsolutePath().getParent().resolve(rc.data().manifest());
        if (manifestOption != null && !Files.isRegularFile(manifestFile)) {
            throw new ConfigException("--manifest " + manifestOption + ": no such file; make it with loupe manifest create --pair ...");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new ConfigException(common.config + ": data.manifest " + manifestFile + " not found; run `loupe simulate` first"
                    + " or point it at an existing data manifest");
        }
        List<Path> given = List.of(common.config, manifestFile);
        Outputs.guard(List.of(dir.resolve("config.yaml"), dir.resolve("model.zip"), dir.resolve("manifest.json"),
                dir.resolve("loss-curve.csv"), dir.resolve("loss-curve.png")), given);
        if (!fresh) {
            requireSameGenerator(dir, gen);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean training = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // SLURM pre-emption sends SIGTERM: checkpoint, then let the JVM exit. Registered before the
        // slow loading so an early signal is not lost; it only holds the JVM once training runs,
        // so an error exit before that is not delayed.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                if (training.get()) {
                    finished.await(110, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loupe-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        DataManifest manifest = DataManifest.read(manifestFile);
        for (DataManifest.Entry e : manifest.pairs()) {
            int side = e.lr().particlesPerSide();
            if (tiles.cropCells() > side) {
                throw ConfigException.forKey("tiles.cropCells", tiles.cropCells() + " is larger than the LR box of pair "
                        + e.id() + " in " + manifestFile + " (" + side + "^3 particles): it must be 1 to " + side)
                        .inFile(common.config + ConfigLoader.keyLine(common.config, "tiles.cropCells"));
            }
        }
        var console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "loading pairs from %s ...%n", manifestFile);
        var read = common.readOptions(rc);   // the config's snapshot: overrides apply to every pair
        int threads = common.threads(rc);
        // ND4J's kernels take their thread count from here (OMP_NUM_THREADS only sets the start value).
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        List<PairFields> train = PairLoader.load(manifestFile, manifest, "train", gen.scale(), gen.velocity(), read,
                gen.icModes(), threads);
        List<PairFields> validation = PairLoader.load(manifestFile, manifest, "validation", gen.scale(), gen.velocity(), read,
                gen.icModes(), threads);
        if (validation.isEmpty()) {
            // Said, not hidden: an unseen-data score needs an unseen pair.
            console.printf(Locale.ROOT, "note: %s has no pair with split validation, so the 'validation' loss below is measured on"
                    + " tiles of the training pairs (not held out); give a pair ',validation' in loupe manifest create --pair"
                    + " to hold one out%n", manifestFile);
        }
        AtomicFiles.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(rc));
        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
        if (fresh && checkpoints.exists()) {
            Files.delete(checkpoints.dir().resolve("latest"));
        }
        if (checkpoints.exists()) {
            console.println("resuming from " + checkpoints.latest());
        }
        Trainer trainer = new Trainer(gen, tiles, rc.train(), train, validation);
        long totalSteps = (long) rc.train().epochs() * rc.train().stepsPerEpoch();
        int every = rc.train().exportEvery();
        console.printf(Locale.ROOT, "training %d steps x %d tiles (%d epochs) on %d thread%s; %s%n", totalSteps,
                rc.train().batch(), rc.train().epochs(), threads, threads == 1 ? "" : "s",
                every == 0 ? "no model per epoch (train.exportEvery: 0)" : "an upscalable model every "
                        + (every == 1 ? "epoch" : every + " epochs") + " in " + dir.resolve("epochs"));
        Map<String, Object> exportCfg = new LinkedHashMap<>();
        exportCfg.put("config", rc);
        exportCfg.put("dataManifest", manifestFile.toString());
        List<SourceFile> trainedOn = trainedOn(manifest);

        ProgressBar bar = ProgressBar.stderr();
        ComputationGraph graph;
        training.set(true);
        try {
            graph = trainer.run(checkpoints, dir.resolve("loss-curve.csv"), stop::get, new Trainer.Listener() {
                @Override
                public void step(long step, long total, double loss) {
                    bar.update("train", (int) step, (int) total, String.format(Locale.ROOT, "loss=%.4g", loss));
                }

                @Override
                public void epoch(Trainer.EpochRecord r) {
                    console.printf(Locale.ROOT, "epoch %d: train %.5g  validation %.5g  lr %.3g  %.2f tiles/s%s%s%n", r.epoch(),
                            r.trainLoss(), r.validationLoss(), r.learningRate(), r.tilesPerSecond(),
                            Double.isNaN(r.criticGap()) ? "" : String.format(Locale.ROOT, "  critic gap %.4g", r.criticGap()),
                            r.epoch() == 1 ? String.format(Locale.ROOT, "  (about %s for the %d steps)",
                                    duration(r.seconds() * totalSteps / Math.max(1, rc.train().stepsPerEpoch())), totalSteps) : "");
                }

                @Override
                public void export(Trainer.EpochRecord r, ComputationGraph g) {
                    exportCfg.put("epoch", r.epoch());
                    exportCfg.put("step", r.step());
                    Provenance p = new Provenance("train", trainedOn, exportCfg, rc.train().seed(), Backend.describe());
                    ModelFile.of(g, gen, tiles).withProvenance(p.toJson()).withDomain(manifest.trainingDomain())
                            .write(epochModel(dir, r.epoch()));
                }
            });
            if (stop.get()) {
                // Said before releasing the shutdown hook: once it returns the JVM halts.
                console.println("stopped by signal; checkpoint written to " + checkpoints.latest() + " (rerun to resume)");
                console.flush();
            }
        } finally {
            finished.countDown();
        }
        if (stop.get()) {
            return 143;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down
        }
        List<SourceFile> inputs = trainedOn(manifest);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("config", rc);
        cfg.put("dataManifest", manifestFile.toString());
        Provenance prov = new Provenance("train", inputs, cfg, rc.train().seed(), Backend.describe());
        Path model = dir.resolve("model.zip");
        ModelFile.of(graph, gen, tiles).withProvenance(prov.toJson()).withDomain(manifest.trainingDomain()).write(model);
        prov.write(dir.resolve("manifest.json"));
        LossCurvePlot.write(dir.resolve("loss-curve.csv"), dir.resolve("loss-curve.png"));
        console.println("wrote " + model + " (loss curve: " + dir.resolve("loss-curve.csv") + ", .png)");
        return 0;
    }

    /** The model file of epoch {@code epoch} in run folder {@code dir}: {@code epochs/epoch-NNNN.zip}. */
    static Path epochModel(Path dir, int epoch) {
        return dir.resolve("epochs").resolve(String.format(Locale.ROOT, "epoch-%04d.zip", epoch));
    }

    /** Only the pairs training reads: test pairs are listed in the data manifest, not used here. */
    private static List<SourceFile> trainedOn(DataManifest manifest) {
        List<SourceFile> inputs = new ArrayList<>();
        for (DataManifest.Entry e : manifest.pairs()) {
            if ("test".equals(e.split())) {
                continue;
            }
            inputs.add(new SourceFile(e.lr().path(), e.lr().sha256()));
            inputs.add(new SourceFile(e.hr().path(), e.hr().sha256()));
        }
        return inputs;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /**
     * A resumed run continues the checkpoint's network: a config whose generator shape differs from
     * the one the run folder was trained with (its config.yaml, written before the first checkpoint)
     * would resume the old network under the new config's name. Exit 2 naming the key.
     */
    private void requireSameGenerator(Path dir, GeneratorSpec gen) {
        Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
        Path previous = dir.resolve("config.yaml");
        if (!checkpoints.exists() || !Files.isRegularFile(previous)) {
            return;
        }
        RunConfig old = ConfigLoader.load(previous, RunConfig.class);
        GeneratorSpec was = old.generator() != null ? old.generator() : GeneratorSpec.defaults();
        String[] keys = {"scale", "width", "velocity", "noiseChannels", "residual", "blockNoise", "lrConvs", "icModes"};
        Object[] before = {was.scale(), was.width(), was.velocity(), was.noiseChannels(), was.residual(), was.blockNoise(),
            was.lrConvs(), was.icModes()};
        Object[] now = {gen.scale(), gen.width(), gen.velocity(), gen.noiseChannels(), gen.residual(), gen.blockNoise(),
            gen.lrConvs(), gen.icModes()};
        for (int i = 0; i < keys.length; i++) {
            if (!before[i].equals(now[i])) {
                String key = "generator." + keys[i];
                throw new ConfigException(common.config + ConfigLoader.keyLine(common.config, key) + ": checkpoint "
                        + checkpoints.latest() + " has " + key + " " + before[i] + ", the config " + now[i]
                        + "; start a new --out, restore the config, or pass --fresh to start over");
            }
        }
    }
}
