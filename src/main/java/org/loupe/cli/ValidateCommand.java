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
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.SourceFile;
import org.loupe.particles.Particles;
import org.loupe.report.ReportWriter;
import org.loupe.report.ValidationInput;
import org.loupe.report.ValidationReport;
import org.loupe.report.ValidationSpec;
import org.loupe.report.Validator;
import org.loupe.run.PairLoader;
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

    @Option(names = "--hr", paramLabel = "HR", description = "High-resolution snapshot of the same universe (optional).")
    Path hr;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder.")
    Path out;

    @Option(names = "--grid", converter = Ranges.Positive.class, paramLabel = "N", description = "Mesh for P(k) and slices (default 2 x the SR lattice side).")
    Integer grid;

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
        List<Path> inputFiles = new ArrayList<>(sLr.header().files());
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
        int mesh0 = grid != null ? grid : 2 * (int) Math.round(Math.cbrt(firstSr.getValue().header().count(read.particleType())));
        requireMemory(all.values(), sHr == null ? 0 : sHr.header().count(read.particleType()),
                firstSr.getValue().header().count(read.particleType()), sLr.header().count(read.particleType()), mesh0,
                read.particleType());
        Particles pLr = sLr.readParticles(read.particleType());
        Map<String, Particles> pSr = new LinkedHashMap<>();
        sSr.forEach((name, s) -> pSr.put(name, s.readParticles(read.particleType())));
        Particles pHr = sHr == null ? null : sHr.readParticles(read.particleType());
        int lrSide = (int) Math.round(Math.cbrt(pLr.count()));
        int srSide = (int) Math.round(Math.cbrt(pSr.values().iterator().next().count()));
        for (var e : pSr.entrySet()) {
            if (Math.round(Math.cbrt(e.getValue().count())) != srSide) {
                throw new ShapeMismatchException(srs.get(e.getKey()) + " holds " + e.getValue().count() + " particles, "
                        + srs.get(firstSr.getKey()) + " " + srSide + "^3; every --sr box must have the same resolution");
            }
        }
        int mesh = grid != null ? grid : 2 * srSide;
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<SourceFile> sources = new ArrayList<>();
        Map<String, Path> named = new LinkedHashMap<>();
        named.put("LR", lr);
        srs.forEach((name, path) -> named.put(srs.size() == 1 && name.equals("SR") ? "SR" : "SR " + name, path));
        if (hr != null) {
            named.put("HR", hr);
        }
        named.forEach((label, path) -> {
            String sha = Sha256.of(path);
            inputs.put(label, path + " (sha256 " + sha + ")");
            sources.add(new SourceFile(path.toString(), sha));
        });
        Map<String, SeamMetric> seams = new LinkedHashMap<>();
        Map<String, String> seamNotes = new LinkedHashMap<>();
        Grid hrField = null;
        for (var e : pSr.entrySet()) {
            Integer tile = tileCells != null ? tileCells : tileFromProvenance(srs.get(e.getKey()));
            if (tile == null) {
                seamNotes.put(e.getKey(), "n/a (tiling unknown: give --tile-cells)");
            } else if (tile >= srSide) {
                seamNotes.put(e.getKey(), "n/a (one tile)");
            } else if (pHr == null || pHr.count() != e.getValue().count()) {
                seamNotes.put(e.getKey(), "n/a (needs an HR box of the same lattice)");
            } else {
                // The particles are already in memory: no second read of either snapshot.
                if (hrField == null) {
                    hrField = PairLoader.latticeField(pHr, sHr.header().redshift(), List.of(), false, hr, read.latticeOffsetCells());
                }
                Grid a = PairLoader.latticeField(e.getValue(), sSr.get(e.getKey()).header().redshift(), List.of(), false,
                        srs.get(e.getKey()), read.latticeOffsetCells());
                seams.put(e.getKey(), SeamMetric.of(a.values(), hrField.values(), a.size(), a.boxMpcH(), tile));
            }
        }
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(threads), threads);
        ValidationInput in = new ValidationInput(pLr, pSr, pHr, lrSide, srSide, firstSr.getValue().header().redshift(), inputs);
        var head = firstSr.getValue().header();
        if (!Double.isNaN(head.omegaM()) && !Double.isNaN(head.omegaLambda())) {
            // H(z) from the SR header's cosmology puts the particles in redshift space for P0 and P2.
            double a = 1 / (1 + head.redshift());
            double hubble = new org.loupe.cosmology.Cosmology(head.omegaM(), head.omegaLambda(), 0, 1, 1, 1, 0).hubble(a);
            in = in.withHubble(head.redshift(), hubble);
        }
        ValidationReport report = new Validator(ps, threads).run(in, mesh, vs, seams, seamNotes);
        Provenance prov = new Provenance("validate", sources, vs, null, "plain Java (no ND4J)");
        ReportWriter.write(report, out, prov.toJson());
        prov.write(out.resolve("manifest.json"));
        var console = spec.commandLine().getOut();
        report.verdicts().values().forEach(console::println);
        for (ValidationReport.Check c : report.checks()) {
            console.printf(Locale.ROOT, "%-7s %-10s %-13s %.4g (%s)%n", c.passed() ? "pass" : c.judged() ? "FAIL" : "control", c.dataset(),
                    c.kind(), c.measured(), c.detail());
        }
        for (var e : pSr.keySet()) {
            console.printf(Locale.ROOT, "seam metric %s (tile faces / interior error): %s%n", e,
                    seams.containsKey(e) ? String.format(Locale.ROOT, "%.3f", seams.get(e).ratio()) : seamNotes.get(e));
        }
        console.println("report: " + out.resolve("report.html"));
        return report.passed() ? 0 : 6;
    }

    /**
     * Java heap bytes per particle held for the whole run: positions (12), velocities (12, for the
     * redshift-space multipoles; a box's redshift-space copy of its positions is made one box at a
     * time) and IDs (8) of every box read, and of the trilinear baseline Loupe makes at the SR
     * resolution (counted alike, though it carries no velocities).
     */
    static final long HELD_BYTES_PER_PARTICLE = 32;

    /**
     * Java heap bytes per particle of the largest box while its FoF halos are found (cell sort,
     * sorted copies of the positions, union-find and group arrays), beyond the particles
     * themselves: measured 72–87 (BENCHMARKS.md, "Scale").
     */
    static final long FOF_BYTES_PER_PARTICLE = 90;

    /**
     * The heap a report needs, from the headers: every box's particles held at once (LR, each SR,
     * HR, and the trilinear baseline at the SR resolution), then the larger of FoF's working arrays
     * for the largest box and the mesh (an interlaced spectrum being painted, and HR's kept when
     * there is an HR box). Refuses (exit 7) before reading a particle when it exceeds the heap:
     * validate holds whole boxes (FoF needs them), unlike power.
     */
    private void requireMemory(java.util.Collection<Snapshot> boxes, long hrCount, long srCount, long lrCount, int mesh,
                               int type) {
        long need = heapBytes(boxes, hrCount, srCount, lrCount, mesh, type);
        long have = Runtime.getRuntime().maxMemory();
        if (need > have) {
            long meshPart = org.loupe.stats.PowerSpectrum.heapBytes(mesh, hrCount > 0 ? 2 : 1, true);
            throw new org.loupe.MemoryException(String.format(Locale.ROOT, "validate of %d SR particles needs about %.1f GB of Java"
                    + " heap (%.1f GB given; %.1f GB of it the %d^3 mesh): raise LOUPE_HEAP to %dg on a node with that memory%s"
                    + " (every box is held whole for FoF halos; `loupe power --fold` measures P(k) of any box in bounded memory)",
                    srCount, need / 1e9, have / 1e9, meshPart / 1e9, mesh, (need >> 30) + 1,
                    mesh > 256 ? ", or lower --grid" : ""));
        }
    }

    private static long heapBytes(java.util.Collection<Snapshot> boxes, long hrCount, long srCount, long lrCount, int mesh,
                                  int type) {
        long held = srCount;   // the trilinear baseline
        for (Snapshot s : boxes) {
            held += s.header().count(type);
        }
        long largest = Math.max(srCount, hrCount);
        // FoF runs for every box before the others are painted (HR's spectrum is already made):
        // its arrays and the painting are never live together.
        long hrSpectrum = hrCount > 0 ? (long) mesh * mesh * (mesh / 2 + 1) * 16 : 0;
        return (256L << 20) + HELD_BYTES_PER_PARTICLE * held + 12 * lrCount + Math.max(FOF_BYTES_PER_PARTICLE * largest
                + hrSpectrum, org.loupe.stats.PowerSpectrum.heapBytes(mesh, hrCount > 0 ? 2 : 1, true));
    }

    /** The heap this command line needs (from the headers), for {@link HeapPlan}. */
    long plannedHeapBytes() {
        var read = common.readOptions(common.runConfig());
        List<Snapshot> boxes = new ArrayList<>();
        Snapshot sLr = SnapshotReader.open(lr, read);
        boxes.add(sLr);
        long srCount = 0;
        for (Path p : SrInputs.parse(srArgs).values()) {
            Snapshot s = SnapshotReader.open(p, read);
            boxes.add(s);
            srCount = s.header().count(read.particleType());
        }
        long hrCount = 0;
        if (hr != null) {
            Snapshot s = SnapshotReader.open(hr, read);
            boxes.add(s);
            hrCount = s.header().count(read.particleType());
        }
        int mesh = grid != null ? grid : 2 * (int) Math.round(Math.cbrt(srCount));
        return heapBytes(boxes, hrCount, srCount, sLr.header().count(read.particleType()), mesh, read.particleType());
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
