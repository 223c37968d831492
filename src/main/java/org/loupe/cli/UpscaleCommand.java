package org.loupe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.LoupeException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.SourceFile;
import org.loupe.infer.SnapshotUpscaler;
import org.loupe.model.Backend;
import org.loupe.model.ModelDomain;
import org.loupe.model.ModelFile;
import org.loupe.particles.Particles;
import org.loupe.run.ProgressBar;
import org.loupe.run.Provenance;
import org.loupe.run.Sha256;
import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;

/** {@code loupe upscale}: LR snapshot(s) → super-resolved HR snapshot(s) with a trained model. */
@Command(name = "upscale", description = "Upscale LR snapshots to HR with a trained generator (periodic tiling and stitching).")
final class UpscaleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model file from `loupe train` (model.zip), or a shipped model: sr-x2 (32^3 -> 64^3), sr-x4 (16^3 -> 64^3).")
    String modelName;

    private Path modelPath;

    @Option(names = "--input", paramLabel = "LR", description = "LR snapshot (repeat for several).")
    List<Path> inputs;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Take the LR box from this data manifest (with --split and --index; sha256 checked).")
    Path manifest;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "Manifest split (default test).")
    String split;

    @Option(names = "--index", paramLabel = "I", description = "Row of the split (e.g. $SLURM_ARRAY_TASK_ID).")
    Integer index;

    @Option(names = "--out", required = true, paramLabel = "SR", description = "Output snapshot (one input) or folder (several).")
    Path out;

    @Option(names = "--crop", paramLabel = "C", converter = Ranges.Positive.class,
            description = "LR cells per tile (largest divisor of N not above it; default: from --memory-mb).")
    Integer crop;

    @Option(names = "--memory-mb", defaultValue = "1024", paramLabel = "MB", converter = Ranges.MemoryMb.class,
            description = "Memory budget for the network's activations, which picks the tile size (default 1024, at least 64).")
    long memoryMb;

    @Option(names = "--allow-domain-mismatch",
            description = "Upscale an input outside the model's training domain anyway (a warning, recorded in the output's provenance).")
    boolean allowDomainMismatch;

    @Option(names = "--velocities", paramLabel = "parent|trilinear", defaultValue = SnapshotUpscaler.DEFAULT_VELOCITIES,
            description = "Velocities of a displacement-only model's particles: parent (the LR particle whose cell holds the"
                    + " site; keeps LR's velocity dispersion) or trilinear (the LR field interpolated). Default ${DEFAULT-VALUE}.")
    String velocities;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the noise of a stochastic model (default 0).")
    long seed;

    @Option(names = "--batch", defaultValue = "2", paramLabel = "B", converter = Ranges.Positive.class,
            description = "Tiles per network call (memory vs speed; default 2).")
    int batch;

    @Option(names = "--parts", defaultValue = "1", paramLabel = "K", converter = Ranges.Positive.class,
            description = "Split the SR box into K member files along x, one per task (with --part; default 1: one file).")
    int parts;

    @Option(names = "--part", defaultValue = "0", paramLabel = "I",
            description = "Which member this task writes, 0..K-1 (e.g. $SLURM_ARRAY_TASK_ID): OUT.I.hdf5.")
    int part;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** One input to upscale, checked before any work. */
    private record Job(Path input, Snapshot snap, Path target, List<String> domainMismatch, double lrMass, SnapshotUpscaler.Plan plan) {
    }

    @Override
    public Integer call() {
        if (manifest != null && inputs != null && !inputs.isEmpty()) {
            throw new ConfigException("--input and --manifest name the LR box in two ways; give one of them");
        }
        if (manifest != null) {
            inputs = List.of(fromManifest(true));
            if (!out.getFileName().toString().endsWith(".hdf5")) {
                // A folder: the SR file is named after the manifest row.
                out = out.resolve(inputs.get(0).getParent().getFileName() + "_" + inputs.get(0).getFileName().toString()
                        .replace("lr_", "").replaceFirst("\\.hdf5$", "") + "_sr.hdf5");
            }
        } else if (inputs == null || inputs.isEmpty()) {
            throw new ConfigException("upscale needs --input LR (repeatable) or --manifest FILE --index I");
        }
        if (part < 0 || part >= parts) {
            throw new ConfigException("--part " + part + " is not a member of --parts " + parts + "; use 0.." + (parts - 1));
        }
        if (parts > 1 && inputs.size() > 1) {
            throw new ConfigException("--parts splits one box across tasks; give one --input (got " + inputs.size() + ")");
        }
        modelPath = org.loupe.model.ShippedModels.locate(modelName);
        ModelFile model = ModelFile.read(modelPath);
        org.loupe.infer.ModelProbe.check(model, Path.of(modelName));
        ReadOptions read = common.readOptions(common.runConfig());   // the config is read once for all inputs
        List<Job> jobs = new ArrayList<>();
        if (inputs.size() > 1) {
            Outputs.checkFolder(out);
        }
        java.util.Map<Path, Path> targets = new java.util.HashMap<>();
        for (Path input : inputs) {
            Job job = check(model, input, read);
            Path previous = targets.put(job.target().toAbsolutePath().normalize(), input);
            if (previous != null) {
                throw new ConfigException(previous + " and " + input + " would both be written to " + job.target()
                        + "; give the inputs different file names or upscale them in separate runs");
            }
            jobs.add(job);
        }
        String modelSha = Sha256.of(modelPath);
        int worst = 0;
        for (Job job : jobs) {
            try {
                upscaleOne(model, modelSha, job);
            } catch (LoupeException e) {
                spec.commandLine().getErr().println("loupe: error: " + e.getMessage());
                worst = Math.max(worst, e.exitCode());
            }
        }
        return worst;
    }

    /**
     * The Java heap (bytes) this command line needs at its peak, the largest of its inputs'
     * ({@link SnapshotUpscaler#heapBytes}); for {@link HeapPlan}, before the real run.
     */
    long plannedHeapBytes() {
        modelPath = org.loupe.model.ShippedModels.locate(modelName);
        ModelFile model = ModelFile.read(modelPath);
        ReadOptions read = common.readOptions(common.runConfig());
        List<Path> lrs = manifest != null ? List.of(fromManifest(false)) : inputs == null ? List.of() : inputs;
        long need = 0;
        for (Path input : lrs) {
            SnapshotUpscaler.Settings settings = new SnapshotUpscaler.Settings(crop, memoryMb << 20, batch, seed, parts, part,
                    read.particleType(), read.latticeOffsetCells(), velocities);
            need = Math.max(need, SnapshotUpscaler.plan(model, SnapshotReader.open(input, read).header(), settings,
                    Long.MAX_VALUE).heapBytes());
        }
        return need;
    }

    /**
     * Everything that can be known before computing: the output is no input (nor the model), can
     * be written and fits on the disk, and the input lies in the model's domain.
     */
    private Job check(ModelFile model, Path input, ReadOptions read) {
        Path target = parts > 1 ? SnapshotWriter.memberPaths(out, parts).get(part)
                : inputs.size() == 1 ? out : out.resolve(input.getFileName().toString().replaceFirst("(\\.hdf5)?$", "_sr.hdf5"));
        Snapshot snap = SnapshotReader.open(input, read);
        SnapshotHeader h = snap.header();
        if (!(h.omegaM() > 0) || !(h.omegaLambda() >= 0) || !(h.hubble() > 0)) {
            throw new FormatException(input + ": the header gives no usable cosmology (Omega0 " + h.omegaM() + ", OmegaLambda "
                    + h.omegaLambda() + ", HubbleParam " + h.hubble() + "); upscaling needs it to normalise the fields");
        }
        List<Path> protectedPaths = new ArrayList<>(h.files());
        protectedPaths.add(modelPath);
        Outputs.notAnInput(target, protectedPaths);
        Outputs.notAnInput(target.resolveSibling(target.getFileName() + ".manifest.json"), protectedPaths);
        Outputs.checkFile(target);
        long n = h.count(read.particleType());
        long hrParticles = n * model.scale() * model.scale() * model.scale();
        Outputs.checkFreeSpace(target, hrParticles / parts * (12 + 12 + 8) + (1 << 20));
        double mass = lrParticleMass(snap, input, read);   // read once: per-particle Masses need the particles
        List<String> mismatch = List.of();
        if (model.domain() == null) {
            warn(modelName + " records no training domain (made before domains were recorded): " + input
                    + " cannot be checked against it");
        } else {
            int side = (int) Math.round(Math.cbrt(n));
            ModelDomain in = new ModelDomain(side, h.boxMpcH(), mass, h.redshift(), h.omegaM(),
                    h.omegaLambda(), h.hubble());
            mismatch = model.domain().differences(in);
            if (!mismatch.isEmpty() && !allowDomainMismatch) {
                throw new ShapeMismatchException(input + ": outside the training domain of " + modelName + ": "
                        + String.join("; ", mismatch) + "; use a model trained for it, or --allow-domain-mismatch");
            }
            if (!mismatch.isEmpty()) {
                warn(input + ": outside the training domain of " + modelName + " (" + String.join("; ", mismatch)
                        + "); upscaling anyway as --allow-domain-mismatch asks, and recording it in the provenance");
            }
        }
        SnapshotUpscaler.Settings settings = new SnapshotUpscaler.Settings(crop, memoryMb << 20, batch, seed, parts, part,
                read.particleType(), read.latticeOffsetCells(), velocities);
        SnapshotUpscaler.Plan plan = SnapshotUpscaler.plan(model, h, settings, Runtime.getRuntime().maxMemory());
        return new Job(input, snap, target, mismatch, mass, plan);
    }

    private void warn(String message) {
        spec.commandLine().getErr().println("loupe: warning: " + message);
    }

    private void upscaleOne(ModelFile model, String modelSha, Job job) throws LoupeException {
        SnapshotUpscaler.Plan plan = job.plan();
        List<SourceFile> inputs = Sha256.sources(job.snap().header().files());
        List<SourceFile> src = new ArrayList<>(inputs);
        src.add(new SourceFile(modelPath.equals(Path.of(modelName)) ? modelPath.toString() : "shipped:" + modelName, modelSha));
        Map<String, Object> settings = plan.settings();
        if (!job.domainMismatch().isEmpty()) {
            settings.put("domainMismatch", job.domainMismatch());
        }
        SnapshotHeader h = job.snap().header();
        Provenance prov = new Provenance("upscale", src, settings, model.stochastic() ? seed : null, Backend.describe());
        SnapshotMeta meta = new SnapshotMeta(h.redshift(), h.omegaM(), h.omegaLambda(), h.hubble(), prov.toStableJson());
        ProgressBar bar = ProgressBar.stderr();
        String label = "upscale " + job.input().getFileName();
        SnapshotUpscaler.Result r = SnapshotUpscaler.run(plan, job.snap(), job.lrMass(), parts > 1 ? out : job.target(), meta, d -> bar.update(label, d, plan.tiles(), ""));
        Path target = r.path();
        prov.write(target.resolveSibling(target.getFileName() + ".manifest.json"));
        int nh = plan.hrSide();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s from %d^3 (%d tiles of %d^3 LR cells)%s%n", target,
                parts > 1 ? String.format(Locale.ROOT, "member %d of %d, %d of %d^3 particles", part, parts, r.particles(), nh)
                        : nh + "^3 particles", plan.lrSide(), plan.tiles(), plan.crop(),
                r.trilinearVelocities() ? "; velocities: " + (r.velocities().equals("parent") ? "each particle's LR parent's"
                        : "trilinear from LR") + " (displacement-only model)" : "");
    }

    /**
     * The LR particle mass (1e10 Msun/h): the header's MassTable, or — a legal GADGET layout — a
     * per-particle Masses dataset whose masses are all equal; the SR particles get it ÷ s³. Unequal
     * masses are refused: the SR lattice has one mass, and their mean would be silently wrong.
     */
    private static double lrParticleMass(Snapshot snap, Path input, ReadOptions read) {
        return org.loupe.snapshot.ParticleMasses.requireEqual(snap, read.particleType(), "upscale",
                "every SR particle gets the LR mass / s^3");
    }

    /** The LR path of row {@code index} of {@code split}, after checking its sha256 when {@code verify} (the plan skips it). */
    private Path fromManifest(boolean verify) {
        org.loupe.run.DataManifest m = org.loupe.run.DataManifest.read(manifest);
        List<org.loupe.run.DataManifest.Entry> rows = m.split(split);
        if (index == null || index < 0 || index >= rows.size()) {
            throw new org.loupe.ConfigException(manifest + ": split '" + split + "' has " + rows.size() + " rows; --index must be 0.."
                    + (rows.size() - 1) + " (got " + index + ")");
        }
        org.loupe.run.DataManifest.Entry e = rows.get(index);
        Path lrPath = manifest.toAbsolutePath().getParent().resolve(e.lr().path());
        if (!verify) {
            return lrPath;
        }
        String sha = Sha256.of(lrPath);
        if (!sha.equals(e.lr().sha256())) {
            throw new org.loupe.FormatException(lrPath + ": sha256 " + sha + " differs from " + e.lr().sha256() + " in " + manifest
                    + "; the file changed since the manifest was made");
        }
        return lrPath;
    }
}
