package org.loupe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.SourceFile;
import org.loupe.particles.ParticleStream;
import org.loupe.report.BoxSource;
import org.loupe.report.ReportWriter;
import org.loupe.report.SlabSeams;
import org.loupe.report.ValidationInput;
import org.loupe.report.ValidationReport;
import org.loupe.report.ValidationSpec;
import org.loupe.report.Validator;
import org.loupe.run.Provenance;
import org.loupe.run.RunConfig;
import org.loupe.run.Sha256;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;
import org.loupe.stats.SeamMetric;

/** {@code loupe validate}: LR / SR / HR statistics and pass/fail checks as a report folder. */
@Command(name = "validate", description = "Judge one or more SR boxes against HR, next to the LR input and a trilinear baseline: a verdict per SR box, P(k) (shot noise subtracted), r(k), T(k), halo counts, mass function, slices, seams; writes report.html/.json.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--lr", required = true, paramLabel = "LR", description = "Low-resolution snapshot (always shown as the control).")
    Path lr;

    @Option(names = "--sr", required = true, paramLabel = "[NAME=]SR",
            description = "Super-resolved snapshot, optionally named (--sr mine=sr.hdf5). Repeatable: one report compares them all.")
    List<String> srArgs;

    @Option(names = "--floor", paramLabel = "NAME=TWIN", description = "An HR twin (the HR run's modes up to the LR Nyquist"
            + " frequency, new ones above; loupe simulate --twins) shown as a floor column: what a perfect model reaches."
            + " Repeatable; measured like SR, never judged.")
    List<String> floorArgs = new ArrayList<>();

    @Option(names = "--hr", paramLabel = "HR", description = "High-resolution snapshot of the same universe (optional).")
    Path hr;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder.")
    Path out;

    @Option(names = "--grid", converter = Ranges.Positive.class, paramLabel = "N", description = "Mesh for P(k) and slices (default 2 x the SR lattice side, at most 512).")
    Integer grid;

    @Option(names = "--memory-mb", converter = Ranges.Positive.class, paramLabel = "MB",
            description = "Working memory of the halo finder and the seam metric (default: what the P(k) mesh needs, at least 1024). A box that needs more is read in slabs: the same numbers, one more read of the box per slab.")
    Integer memoryMb;

    @Option(names = "--tile-cells", converter = Ranges.Positive.class, paramLabel = "T", description = "HR sites per tile side for the seam metric (default: from the SR file's provenance).")
    Integer tileCells;

    /** The mesh range of --grid: below 8 cells no k bin is left to judge (power's own upper bound). */
    static final int MIN_GRID = 8;
    static final int MAX_GRID = 1289;

    /** LR, SR and HR further apart in z than this are not one universe at one time. */
    static final double MAX_REDSHIFT_DIFFERENCE = 1e-3;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (grid != null && (grid < MIN_GRID || grid > MAX_GRID)) {
            throw new ConfigException("--grid must be between " + MIN_GRID + " and " + MAX_GRID + " cells per side, got " + grid
                    + ": a coarser mesh holds too few k bins to judge anything");
        }
        RunConfig rc = common.runConfig();
        ValidationSpec vs = rc.validate() != null ? rc.validate() : ValidationSpec.defaults();
        int threads = common.threads(rc);
        // The config's snapshot: overrides, as every other command; velocities too: the redshift-space
        // multipoles move every box by v/(aH).
        var read = common.readOptions(rc);
        Map<String, Path> srs = SrInputs.parse(srArgs);
        Snapshot sLr = SnapshotReader.open(lr, read);
        Map<String, Snapshot> sSr = new LinkedHashMap<>();
        srs.forEach((name, path) -> sSr.put(name, SnapshotReader.open(path, read)));
        Snapshot sHr = hr == null ? null : SnapshotReader.open(hr, read);
        Map<String, Path> floorPaths = floorArgs.isEmpty() ? Map.of() : SrInputs.parse(floorArgs);
        Map<String, Snapshot> sFloor = new LinkedHashMap<>();
        floorPaths.forEach((name, path) -> sFloor.put(name, SnapshotReader.open(path, read)));
        if (!sFloor.isEmpty() && sHr == null) {
            throw new ConfigException("--floor needs --hr: a twin is a floor only against the HR run it is a twin of");
        }
        List<Path> inputFiles = new ArrayList<>(sLr.header().files());
        sFloor.values().forEach(s -> inputFiles.addAll(s.header().files()));
        sSr.values().forEach(s -> inputFiles.addAll(s.header().files()));
        if (sHr != null) {
            inputFiles.addAll(sHr.header().files());
        }
        Outputs.checkFolder(out);
        Outputs.notAnotherCommandsFolder(out, "validate");
        Outputs.guard(List.of(out.resolve("report.html"), out.resolve("report.json"), out.resolve("power.csv"),
                out.resolve("manifest.json")), inputFiles);
        Map.Entry<String, Snapshot> firstSr = sSr.entrySet().iterator().next();
        double box = firstSr.getValue().header().boxMpcH();
        Map<Path, Snapshot> all = new LinkedHashMap<>();
        all.put(lr, sLr);
        srs.forEach((name, path) -> all.put(path, sSr.get(name)));
        if (sHr != null) {
            all.put(hr, sHr);
        }
        floorPaths.forEach((name, path) -> all.put(path, sFloor.get(name)));
        for (var e : all.entrySet()) {
            if (Math.abs(e.getValue().header().boxMpcH() - box) > 1e-6 * box) {
                throw new ShapeMismatchException(e.getKey() + " (box " + e.getValue().header().boxMpcH() + " Mpc/h) and "
                        + srs.get(firstSr.getKey()) + " (box " + box + " Mpc/h) are not the same box; validate compares one universe");
            }
        }
        Path firstSrPath = srs.get(firstSr.getKey());
        double z = firstSr.getValue().header().redshift();
        for (var e : all.entrySet()) {
            double zi = e.getValue().header().redshift();
            if (Math.abs(zi - z) > MAX_REDSHIFT_DIFFERENCE) {
                throw new ShapeMismatchException(String.format(java.util.Locale.ROOT, "%s (z = %.4g) and %s (z = %.4g) are at"
                        + " different redshifts; validate compares LR, SR and HR at one time: pass snapshots of the same z",
                        e.getKey(), zi, firstSrPath, z));
            }
        }
        int type = read.particleType();
        long srCount = firstSr.getValue().header().count(type);
        long hrCount = sHr == null ? 0 : sHr.header().count(type);
        long lrCount = sLr.header().count(type);
        int srSide = (int) Math.round(Math.cbrt((double) srCount));
        for (var e : sSr.entrySet()) {
            long c = e.getValue().header().count(type);
            if (c != srCount) {
                throw new ShapeMismatchException(srs.get(e.getKey()) + " holds " + c + " particles, "
                        + srs.get(firstSr.getKey()) + " " + srCount + "; every --sr box must have the same resolution");
            }
        }
        for (var e : sFloor.entrySet()) {
            if (e.getValue().header().count(type) != hrCount) {
                throw new ShapeMismatchException(floorPaths.get(e.getKey()) + " holds " + e.getValue().header().count(type)
                        + " particles, the HR box " + hr + " " + hrCount + "; a twin has the HR run's resolution");
            }
        }
        int mesh = grid != null ? grid : defaultMesh(srSide);
        Map<String, Integer> tiles = new LinkedHashMap<>();
        srs.forEach((name, path) -> tiles.put(name, tileCells != null ? tileCells : tileFromProvenance(path)));
        boolean seamsMade = hrCount == srCount && tiles.values().stream().anyMatch(t -> t != null && t < srSide);
        long workBytes = workingMemoryBytes(mesh, hrCount > 0);
        String thin = ValidateMemory.thinnestSlabNote(Math.max(srCount, hrCount), workBytes);
        if (thin != null) {
            spec.commandLine().getErr().println(thin);
        }
        ValidateMemory.require(lrCount, srCount, hrCount, mesh, seamsMade, workBytes);
        // After the memory check (headers only), before any statistic: a box against itself passes everything.
        List<SameBoxes.Input> boxes = new ArrayList<>();
        boxes.add(new SameBoxes.Input("LR", lr, sLr));
        srs.forEach((name, path) -> boxes.add(new SameBoxes.Input(name, path, sSr.get(name))));
        if (sHr != null) {
            boxes.add(new SameBoxes.Input("HR", hr, sHr));
        }
        for (SameBoxes.Input b : boxes) {
            org.loupe.snapshot.ParticleMasses.requireEqual(b.snapshot(), type, "validate",
                    "its shot noise is L^3/N and its halo-mass bins count particles of one mass");
        }
        SameBoxes.refuse(boxes, type);
        requireOneUniverse(boxes);
        int lrSide = (int) Math.round(Math.cbrt((double) lrCount));
        // Every box is read pass by pass (positions for P(k), halos and slices; velocities only
        // for the redshift-space multipoles): a box larger than memory can be judged.
        BoxSource pLr = source(sLr, type, read.readVelocities());
        Map<String, BoxSource> pSr = new LinkedHashMap<>();
        sSr.forEach((name, s) -> pSr.put(name, source(s, type, read.readVelocities())));
        BoxSource pHr = sHr == null ? null : source(sHr, type, read.readVelocities());
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<SourceFile> sources = new ArrayList<>();
        Map<String, Path> named = new LinkedHashMap<>();
        named.put("LR", lr);
        srs.forEach((name, path) -> named.put(srs.size() == 1 && name.equals("SR") ? "SR" : "SR " + name, path));
        if (hr != null) {
            named.put("HR", hr);
        }
        floorPaths.forEach((name, path) -> named.put("floor " + name, path));
        named.forEach((label, path) -> {
            String sha = Sha256.of(path);
            inputs.put(label, path + " (sha256 " + sha + ")");
            sources.add(new SourceFile(path.toString(), sha));
        });
        Map<String, SeamMetric> seams = new LinkedHashMap<>();
        Map<String, String> seamNotes = new LinkedHashMap<>();
        Map<String, ParticleStream> seamed = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (var e : sSr.entrySet()) {
            Integer tile = tiles.get(e.getKey());
            if (tile == null) {
                seamNotes.put(e.getKey(), "n/a (tiling unknown: give --tile-cells)");
            } else if (tile >= srSide) {
                seamNotes.put(e.getKey(), "n/a (one tile)");
            } else if (sHr == null || hrCount != srCount) {
                seamNotes.put(e.getKey(), "n/a (needs an HR box of the same lattice)");
            } else {
                seamed.put(e.getKey(), e.getValue().stream(type, true));
                files.put(e.getKey(), srs.get(e.getKey()).toString());
            }
        }
        org.loupe.run.ProgressBar bar = org.loupe.run.ProgressBar.stderr();
        if (!seamed.isEmpty()) {
            files.put("HR", hr.toString());
            bar.update("validate: seams", 0, 1, "Ψ of SR and HR on their lattices");
            seams.putAll(SlabSeams.measure(sHr.stream(type, true), seamed, tiles, read.latticeOffsetCells(), workBytes, files));
            bar.update("validate: seams", 1, 1, "done");
        }
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(threads), threads);
        Map<String, BoxSource> pFloor = new LinkedHashMap<>();
        sFloor.forEach((name, s) -> pFloor.put(name, source(s, type, read.readVelocities())));
        ValidationInput in = new ValidationInput(pLr, pSr, pHr, lrSide, srSide, firstSr.getValue().header().redshift(), inputs)
                .withFloors(pFloor);
        var head = firstSr.getValue().header();
        if (!Double.isNaN(head.omegaM()) && !Double.isNaN(head.omegaLambda())) {
            // H(z) from the SR header's cosmology puts the particles in redshift space for P0 and P2.
            double a = 1 / (1 + head.redshift());
            double hubble = new org.loupe.cosmology.Cosmology(head.omegaM(), head.omegaLambda(), 0, 1, 1, 1, 0).hubble(a);
            in = in.withHubble(head.redshift(), hubble);
        }
        ValidationReport report = new Validator(ps, threads, workBytes, (step, steps, what) -> bar.update("validate", step, steps, what))
                .run(in, mesh, vs, seams, seamNotes);
        Provenance prov = new Provenance("validate", sources, vs, null, "plain Java (no ND4J)");
        ReportWriter.write(report, out, prov.toJson());
        prov.write(out.resolve("manifest.json"));
        var console = spec.commandLine().getOut();
        report.verdicts().values().forEach(console::println);
        for (ValidationReport.Check c : report.checks()) {
            console.printf(Locale.ROOT, "%-7s %-10s %-13s %.4g (%s)%n", c.passed() ? "pass" : c.judged() ? "FAIL" : "control", c.dataset(),
                    c.kind(), c.measured(), c.detail());
        }
        for (var e : sSr.keySet()) {
            console.printf(Locale.ROOT, "seam metric %s (tile faces / interior error): %s%n", e,
                    seams.containsKey(e) ? String.format(Locale.ROOT, "%.3f", seams.get(e).ratio()) : seamNotes.get(e));
        }
        console.println("report: " + out.resolve("report.html"));
        return report.passed() ? 0 : 6;
    }

    /**
     * HR must be the universe of LR and SR: boxes whose /Parameters record different IC seeds fail
     * every check for a reason the report would not name (issue #25), so they are refused here.
     */
    static void requireOneUniverse(List<SameBoxes.Input> boxes) {
        SameBoxes.Input first = null;
        long seed = -1;
        for (SameBoxes.Input b : boxes) {
            long s = org.loupe.run.FileCosmology.of(b.path(), b.snapshot().header()).seed();
            if (s < 0) {
                continue;
            }
            if (first == null) {
                first = b;
                seed = s;
            } else if (s != seed) {
                throw new ShapeMismatchException(b.path() + " (" + b.label() + ", Seed " + s + ") and " + first.path() + " ("
                        + first.label() + ", Seed " + seed + ") come from different initial conditions (/Parameters/Seed);"
                        + " validate compares one universe: pass the HR run of the LR box's seed");
            }
        }
    }

    /** Largest default mesh: 2 × the SR side up to here; a finer mesh is asked for with --grid. */
    static final int DEFAULT_MAX_GRID = 512;

    /** The default mesh: twice the SR lattice side, at most {@link #DEFAULT_MAX_GRID}. */
    static int defaultMesh(int srSide) {
        return Math.max(MIN_GRID, Math.min(2 * srSide, DEFAULT_MAX_GRID));
    }

    /**
     * The working memory of the phases that read SR and HR in slabs (halo finder, seam metric):
     * --memory-mb, or as much as the meshes need anyway (at least 1 GB).
     */
    long workingMemoryBytes(int mesh, boolean withHr) {
        return memoryMb != null ? (long) memoryMb << 20 : Math.max(1L << 30, ValidateMemory.meshBytes(mesh, withHr));
    }

    /** The heap this command line needs (from the headers), for {@link HeapPlan}. */
    long plannedHeapBytes() {
        var read = common.readOptions(common.runConfig());
        int type = read.particleType();
        long lrCount = SnapshotReader.open(lr, read).header().count(type);
        long srCount = 0;
        boolean seams = false;
        for (var e : SrInputs.parse(srArgs).entrySet()) {
            srCount = SnapshotReader.open(e.getValue(), read).header().count(type);
            Integer tile = tileCells != null ? tileCells : tileFromProvenance(e.getValue());
            seams |= tile != null && tile < Math.round(Math.cbrt((double) srCount));
        }
        long hrCount = hr == null ? 0 : SnapshotReader.open(hr, read).header().count(type);
        int mesh = grid != null ? grid : defaultMesh((int) Math.round(Math.cbrt((double) srCount)));
        return ValidateMemory.heapBytes(lrCount, srCount, hrCount, mesh, seams && hrCount == srCount, workingMemoryBytes(mesh, hrCount > 0));
    }

    /** A snapshot's particles as passes: positions alone, and with IDs (and velocities when they are read). */
    private static BoxSource source(Snapshot s, int type, boolean velocities) {
        return new BoxSource(s.stream(type, false), s.stream(type, true), velocities, s.header().files().get(0).toString());
    }

    /** HR cells per tile side from an SR snapshot written by `loupe upscale` (scale × crop). */
    private static Integer tileFromProvenance(Path sr) {
        String json = SnapshotReader.provenance(sr);
        if (json == null) {
            return null;
        }
        try {
            JsonNode cfg = new ObjectMapper().readTree(json).path("config");
            if (cfg.has("cropCells") && cfg.has("scale")) {
                return cfg.get("cropCells").asInt() * cfg.get("scale").asInt();
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }
}
