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
        var read = common.readOptions(rc);   // the config's snapshot: overrides, as every other command
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
