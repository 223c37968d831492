package org.loupe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.SourceFile;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.AtomicFiles;
import org.loupe.run.ConfigLoader;
import org.loupe.run.DataManifest;
import org.loupe.run.ProgressBar;
import org.loupe.run.Provenance;
import org.loupe.run.RunConfig;
import org.loupe.run.Sha256;
import org.loupe.sim.PairGenerator;
import org.loupe.sim.PmRun;
import org.loupe.sim.PmState;
import org.loupe.sim.SimSpec;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;

/** {@code loupe simulate}: LR/HR training pairs from Loupe's own PM code, or a PM run from given ICs. */
@Command(name = "simulate", description = "Generate LR/HR pairs (same universe, two resolutions) with the built-in PM code.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/<config name>).")
    Path out;

    @Option(names = "--ics", paramLabel = "SNAPSHOT", description = "Start from this IC snapshot (lattice IDs) instead of drawing ICs.")
    Path ics;

    @Option(names = "--only", paramLabel = "lr|hr", description = "Run only this resolution of every pair (e.g. LR runs"
            + " at another resolution against HR runs you already have); writes no data manifest: pair the files with"
            + " `loupe manifest create --pair`.")
    String only;

    @Option(names = "--twins", paramLabel = "K", defaultValue = "0", description = "Also run K HR twins of every pair"
            + " (pair_NNN/hr_twinT_z*.hdf5): the pair's modes up to the LR Nyquist frequency, new ones above it; the floor"
            + " a perfect model reaches (validate --floor). With --only twins, only the twins.")
    int twins;

    @Option(names = "--twin-seed", paramLabel = "S", description = "With --ics: run a twin of the ICs instead, their modes"
            + " up to the Nyquist frequency of an LR lattice of --twin-lr sites kept, new ones above it from seed S.")
    Long twinSeed;

    @Option(names = "--twin-lr", paramLabel = "N", description = "With --twin-seed: LR particles per side whose Fourier modes"
            + " the twin keeps (e.g. 32 for a twin of a 64^3 run judged against its 32^3 LR run).")
    Integer twinLr;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (common.config == null) {
            throw new ConfigException("simulate needs --config FILE with a simulate: section (see configs/pairs-quick.yaml)");
        }
        RunConfig rc = common.runConfig();
        SimSpec sim = rc.simulate();
        if (sim == null) {
            throw new ConfigException(common.config + ": no simulate: section; see configs/pairs-quick.yaml");
        }
        if (only != null && !only.equals("lr") && !only.equals("hr") && !only.equals("twins")) {
            throw new ConfigException("--only must be lr, hr or twins, got '" + only + "'");
        }
        if (twins < 0 || twins > 100) {
            throw new ConfigException("--twins must be 0 to 100, got " + twins);
        }
        if ("twins".equals(only) && twins == 0) {
            throw new ConfigException("--only twins needs --twins K (K >= 1): how many twins of every pair");
        }
        if ((twinSeed == null) != (twinLr == null) || (twinSeed != null && ics == null)) {
            throw new ConfigException("--twin-seed and --twin-lr go together, with --ics (a twin of given initial conditions)");
        }
        if (twins > 0 && ics != null) {
            throw new ConfigException("--twins applies to pairs; a twin of given ICs needs the pair's seeds, which an IC file"
                    + " does not carry");
        }
        if (only != null && ics != null) {
            throw new ConfigException("--only applies to pairs; --ics runs one simulation already");
        }
        int threads = common.threads(rc);
        Path dir = common.runDir(rc, out, "simulate");
        List<Path> inputs = ics != null ? List.of(common.config, ics) : List.of(common.config);
        List<Path> outputs = new ArrayList<>(List.of(dir.resolve("config.yaml"), dir.resolve("manifest.json")));
        if (ics != null) {
            sim.zOutputs().forEach(z -> outputs.add(snapshotFile(dir, sim, z)));
        }
        Outputs.guard(outputs, inputs);
        if (ics != null) {
            checkInitialConditions(SnapshotReader.open(ics, common.readOptions(rc)).header(), sim);   // before writing anything
        }
        AtomicFiles.writeString(dir.resolve("config.yaml"), ConfigLoader.toYaml(rc));
        Fft3d fft = new JTransformsFft3d(threads);
        ProgressBar bar = ProgressBar.stderr();
        var console = spec.commandLine().getOut();
        if (ics != null) {
            return fromInitialConditions(sim, dir, fft, threads, bar, console, common.readOptions(rc));
        }
        PairGenerator gen = new PairGenerator(sim, fft, threads, common.config.toAbsolutePath().getParent());
        List<DataManifest.Entry> entries = new ArrayList<>();
        List<SourceFile> written = new ArrayList<>();
        long t0 = System.nanoTime();
        if ("twins".equals(only)) {
            twinRuns(gen, sim, dir, bar, written);
            new Provenance("simulate --only twins", List.of(), rc, sim.seed(), "plain Java (no ND4J)")
                    .write(dir.resolve("manifest.json"));
            console.printf(Locale.ROOT, "wrote %d twins of each of %d pairs (%d snapshots) to %s in %.1f s%n", twins, sim.pairs(),
                    written.size(), dir, (System.nanoTime() - t0) * 1e-9);
            return 0;
        }
        if (only != null) {
            return oneResolution(gen, sim, dir, bar, console, t0);
        }
        for (int i : gen.indices()) {
            PairGenerator.Pair pair = gen.run(i, (p, res, s, t, a) -> bar.update(
                    String.format(Locale.ROOT, "pair %d/%d %s %d^3", p + 1, sim.pairs(), res,
                            res.equals("LR") ? sim.lrParticlesPerSide() : sim.hrParticlesPerSide()),
                    s, t, String.format(Locale.ROOT, "z=%.2f", 1 / a - 1)));
            String id = String.format(Locale.ROOT, "pair_%03d", i);
            for (int o = 0; o < pair.lr().size(); o++) {
                double z = pair.lr().get(o).redshift();
                DataManifest.Member lr = write(dir, id, "lr", pair.lr().get(o), sim, pair.seed(), written);
                DataManifest.Member hr = write(dir, id, "hr", pair.hr().get(o), sim, pair.seed(), written);
                entries.add(new DataManifest.Entry(id, pair.split(), pair.seed(), z, lr, hr));
            }
        }
        new DataManifest(common.runName(rc), sim.boxMpcH(), sim.cosmology(), entries).write(dir.resolve("data-manifest.yaml"));
        twinRuns(gen, sim, dir, bar, written);
        new Provenance("simulate", List.of(), rc, sim.seed(), "plain Java (no ND4J)").write(dir.resolve("manifest.json"));
        console.printf(Locale.ROOT, "wrote %d pairs (%d snapshots) to %s in %.1f s; data manifest: %s%n", sim.pairs(),
                written.size(), dir, (System.nanoTime() - t0) * 1e-9, dir.resolve("data-manifest.yaml"));
        return 0;
    }

    /** {@code --twins K}: K HR twins of every pair, {@code pair_NNN/hr_twinT_zZ.ZZZ.hdf5}. */
    private void twinRuns(PairGenerator gen, SimSpec sim, Path dir, ProgressBar bar, List<SourceFile> written) throws IOException {
        for (int i : gen.indices()) {
            long seed = sim.seed() + i;
            for (int t = 1; t <= twins; t++) {
                String label = String.format(Locale.ROOT, "pair %d/%d HR twin %d", i + 1, sim.pairs(), t);
                long twinSeed = PairGenerator.twinSeed(seed, t);
                for (PmRun.Output o : gen.runTwin(seed, twinSeed, (s, n, a) -> bar.update(label, s, n,
                        String.format(Locale.ROOT, "z=%.2f", 1 / a - 1)))) {
                    write(dir, String.format(Locale.ROOT, "pair_%03d", i), "hr_twin" + t, o, sim, seed, written);
                }
            }
        }
    }

    /** {@code --only lr|hr}: that member of every pair, written as a full run would write it. */
    private Integer oneResolution(PairGenerator gen, SimSpec sim, Path dir, ProgressBar bar, java.io.PrintWriter console, long t0)
            throws IOException {
        int n = only.equals("lr") ? sim.lrParticlesPerSide() : sim.hrParticlesPerSide();
        List<SourceFile> written = new ArrayList<>();
        for (int i : gen.indices()) {
            long seed = sim.seed() + i;
            String label = String.format(Locale.ROOT, "pair %d/%d %s %d^3", i + 1, sim.pairs(), only.toUpperCase(Locale.ROOT), n);
            List<PmRun.Output> outs = gen.runOne(n, seed, (s, t, a) -> bar.update(label, s, t,
                    String.format(Locale.ROOT, "z=%.2f", 1 / a - 1)));
            for (PmRun.Output o : outs) {
                write(dir, String.format(Locale.ROOT, "pair_%03d", i), only, o, sim, seed, written);
            }
        }
        new Provenance("simulate --only " + only, List.of(), common.runConfig(), sim.seed(), "plain Java (no ND4J)")
                .write(dir.resolve("manifest.json"));
        console.printf(Locale.ROOT, "wrote the %s runs of %d pairs (%d snapshots) to %s in %.1f s; no data manifest: pair them"
                + " with `loupe manifest create --pair ID=LR,HR[,split]`%n", only.toUpperCase(Locale.ROOT), sim.pairs(),
                written.size(), dir, (System.nanoTime() - t0) * 1e-9);
        return 0;
    }

    private static DataManifest.Member write(Path dir, String id, String res, PmRun.Output o, SimSpec sim, long seed,
                                             List<SourceFile> written) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(id));
        Path file = folder.resolve(String.format(Locale.ROOT, "%s_z%.3f.hdf5", res, o.redshift()));
        Cosmology c = sim.cosmology();
        Provenance prov = new Provenance("simulate", List.of(), sim, seed, "plain Java (no ND4J)");
        // σ8, n_s, Ω_b and the seed under GADGET-4's names: `manifest create` reads them from the files.
        SnapshotWriter.write(file, o.particles(), new SnapshotMeta(o.redshift(), c.omegaM(), c.omegaLambda(), c.h(),
                prov.toStableJson(), java.util.Map.of("Sigma8", c.sigma8(), "PrimordialIndex", c.ns(), "OmegaBaryon", c.omegaB(),
                        "Seed", (double) seed)), WriteOptions.defaults());
        String sha = Sha256.of(file);
        written.add(new SourceFile(file.toString(), sha));
        int n = (int) Math.round(Math.cbrt(o.particles().count()));
        return new DataManifest.Member(dir.relativize(file).toString(), sha, n);
    }

    private int fromInitialConditions(SimSpec sim, Path dir, Fft3d fft, int threads, ProgressBar bar,
                                      java.io.PrintWriter console, org.loupe.snapshot.ReadOptions read) {
        Snapshot snap = SnapshotReader.open(ics, read);
        var h = snap.header();
        checkInitialConditions(h, sim);
        Particles p = snap.readParticles(read.particleType());
        if (p.velocitiesKmS() == null) {
            throw new FormatException(ics + ": no velocities; initial conditions need them (PartType1/Velocities)");
        }
        Lattice lattice = Lattice.detect(p, read.latticeOffsetCells());
        int n = lattice != null ? lattice.sitesPerSide() : (int) Math.round(Math.cbrt(p.count()));
        if (twinSeed != null) {
            if (lattice == null || twinLr < 2 || twinLr >= n) {
                throw new ConfigException(ics + ": a twin needs lattice ICs finer than --twin-lr " + twinLr + " (the ICs are "
                        + (lattice == null ? "not a lattice" : n + "^3") + ")");
            }
            p = org.loupe.sim.IcTwin.of(p, lattice, twinLr, twinSeed, fft, threads);
            console.printf(Locale.ROOT, "twin: modes of %s with max |n_i| >= %d replaced from seed %d%n", ics.getFileName(),
                    twinLr / 2, twinSeed);
        }
        Cosmology c = new Cosmology(h.omegaM(), h.omegaLambda(), sim.cosmology().omegaB(),
                Double.isNaN(h.hubble()) ? sim.cosmology().h() : h.hubble(), sim.cosmology().sigma8(), sim.cosmology().ns(), 0);
        PmState start = new PmState(p, PmState.momentumFromVelocities(p.velocitiesKmS(), h.scaleFactor()), h.scaleFactor());
        List<SourceFile> inputs = Sha256.sources(h.files());
        String label = (sim.hasShortRangeForce() ? "P3M from " : "PM from ") + ics.getFileName();
        List<PmRun.Output> outs = PmRun.run(start, sim, c, new Growth(c), n, fft, threads,
                (s, t, a) -> bar.update(label, s, t, String.format(Locale.ROOT, "z=%.2f", 1 / a - 1)));
        Provenance prov = new Provenance(twinSeed == null ? "simulate --ics" : "simulate --ics --twin-seed " + twinSeed
                + " --twin-lr " + twinLr, inputs, sim, twinSeed, "plain Java (no ND4J)");
        for (PmRun.Output o : outs) {
            Path file = snapshotFile(dir, sim, o.redshift());
            SnapshotWriter.write(file, o.particles(), new SnapshotMeta(o.redshift(), c.omegaM(), c.omegaLambda(), c.h(),
                    prov.toJson()), WriteOptions.defaults());
            console.println("wrote " + file);
        }
        prov.write(dir.resolve("manifest.json"));
        return 0;
    }

    /** The snapshot {@code --ics} writes at redshift z: {@code pm_zZ.ZZZ.hdf5} or {@code p3m_zZ.ZZZ.hdf5}. */
    private static Path snapshotFile(Path dir, SimSpec sim, double z) {
        return dir.resolve(String.format(Locale.ROOT, "%s_z%.3f.hdf5", sim.force(), z));
    }

    /** What the ICs' header must give before any work: a cosmology and a redshift above the first output. */
    private void checkInitialConditions(org.loupe.snapshot.SnapshotHeader h, SimSpec sim) {
        if (Double.isNaN(h.omegaM()) || Double.isNaN(h.omegaLambda())) {
            throw new FormatException(ics + ": the header gives no Omega0/OmegaLambda; cannot integrate it (write them into /Header or /Parameters)");
        }
        // A snapshot at (or within rounding of) the first output has nothing to integrate.
        if (!(h.redshift() > sim.zOutputs().get(0) + 1e-6)) {
            throw new ConfigException(ics + " is at z = " + h.redshift() + ", not above the first output z = " + sim.zOutputs().get(0));
        }
    }
}
