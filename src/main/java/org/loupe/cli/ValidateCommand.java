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
@Command(name = "validate", description = "Compare LR, SR (and HR) boxes: P(k), ratios, r(k), T(k), slices, seams; writes report.html/.json.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--lr", required = true, paramLabel = "LR", description = "Low-resolution snapshot (always shown as the control).")
    Path lr;

    @Option(names = "--sr", required = true, paramLabel = "SR", description = "Super-resolved snapshot.")
    Path sr;

    @Option(names = "--hr", paramLabel = "HR", description = "High-resolution snapshot of the same universe (optional).")
    Path hr;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder.")
    Path out;

    @Option(names = "--grid", converter = Ranges.Positive.class, paramLabel = "N", description = "Mesh for P(k) and slices (default 2 x the SR lattice side).")
    Integer grid;

    @Option(names = "--tile-cells", converter = Ranges.Positive.class, paramLabel = "T", description = "HR sites per tile side for the seam metric (default: from the SR file's provenance).")
    Integer tileCells;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunConfig rc = common.runConfig();
        ValidationSpec vs = rc.validate() != null ? rc.validate() : ValidationSpec.defaults();
        int threads = common.threads(rc);
        var read = common.readOptions(rc);   // the config's snapshot: overrides, as every other command
        Snapshot sLr = SnapshotReader.open(lr, read);
        Snapshot sSr = SnapshotReader.open(sr, read);
        Snapshot sHr = hr == null ? null : SnapshotReader.open(hr, read);
        List<Path> inputFiles = new java.util.ArrayList<>(sLr.header().files());
        inputFiles.addAll(sSr.header().files());
        if (sHr != null) {
            inputFiles.addAll(sHr.header().files());
        }
        Outputs.checkFolder(out);
        Outputs.guard(List.of(out.resolve("report.html"), out.resolve("report.json"), out.resolve("power.csv"),
                out.resolve("manifest.json")), inputFiles);
        for (Snapshot s : hr == null ? List.of(sLr) : List.of(sLr, sHr)) {
            if (Math.abs(s.header().boxMpcH() - sSr.header().boxMpcH()) > 1e-6 * sSr.header().boxMpcH()) {
                throw new ShapeMismatchException(s.header().files().get(0) + " (box " + s.header().boxMpcH() + " Mpc/h) and " + sr
                        + " (box " + sSr.header().boxMpcH() + " Mpc/h) are not the same box; validate compares one universe");
            }
        }
        Particles pLr = sLr.readParticles(read.particleType());
        Particles pSr = sSr.readParticles(read.particleType());
        Particles pHr = sHr == null ? null : sHr.readParticles(read.particleType());
        int lrSide = (int) Math.round(Math.cbrt(pLr.count()));
        int srSide = (int) Math.round(Math.cbrt(pSr.count()));
        int mesh = grid != null ? grid : 2 * srSide;
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<SourceFile> sources = new ArrayList<>();
        for (Object[] in : new Object[][] {{"LR", lr}, {"SR", sr}, {"HR", hr}}) {
            if (in[1] != null) {
                String sha = Sha256.of((Path) in[1]);
                inputs.put((String) in[0], in[1] + " (sha256 " + sha + ")");
                sources.add(new SourceFile(in[1].toString(), sha));
            }
        }
        SeamMetric seam = null;
        Integer tile = tileCells != null ? tileCells : tileFromProvenance(sr);
        if (pHr != null && tile != null && pHr.count() == pSr.count()) {
            // The particles are already in memory: no second read of either snapshot.
            Grid a = PairLoader.latticeField(pSr, sSr.header().redshift(), List.of(), false, sr, read.latticeOffsetCells());
            Grid b = PairLoader.latticeField(pHr, sHr.header().redshift(), List.of(), false, hr, read.latticeOffsetCells());
            seam = SeamMetric.of(a.values(), b.values(), a.size(), a.boxMpcH(), tile);
        }
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(threads), threads);
        ValidationInput in = ValidationInput.of(pLr, pSr, pHr).withSides(lrSide, srSide).withRedshift(sSr.header().redshift())
                .withNames(inputs);
        ValidationReport report = new Validator(ps, threads).run(in, mesh, vs, seam);
        Provenance prov = new Provenance("validate", sources, vs, null, "plain Java (no ND4J)");
        ReportWriter.write(report, out, prov.toJson());
        prov.write(out.resolve("manifest.json"));
        var console = spec.commandLine().getOut();
        for (ValidationReport.Check c : report.checks()) {
            console.printf(Locale.ROOT, "%-5s %s: %.4g (%s)%n", c.passed() ? "pass" : "FAIL", c.name(), c.measured(), c.detail());
        }
        if (seam != null) {
            console.printf(Locale.ROOT, "seam metric (tile faces / interior error): %.3f%n", seam.ratio());
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
