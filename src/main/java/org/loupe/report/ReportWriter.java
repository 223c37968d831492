package org.loupe.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.loupe.AtomicFiles;
import org.loupe.OutputException;
import org.loupe.stats.MassFunction;
import org.loupe.stats.MassFunctionRatio;

/**
 * Writes a {@link ValidationReport} as a folder a person reads: {@code report.html} (self-contained,
 * images embedded), {@code report.json} (every number and each check), {@code power.csv} and the
 * PNG figures. Each file goes to a temp name and is renamed.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Every figure a report may draw ({@link #figures}); a test checks the list is complete. */
    static final java.util.List<String> FIGURES = java.util.List.of("ratio", "power", "power_raw", "correlation", "transfer",
            "slices", "massfunction", "massfunction_ratio");

    private ReportWriter() {
    }

    public static void write(ValidationReport r, Path dir, String provenanceJson) {
        try {
            org.loupe.Leftovers.createFolders(dir);
            Map<String, byte[]> figures = figures(r);
            // A reused folder: figures of an earlier report that this one does not draw (a run
            // with HR, then one without) would sit next to it as if they were its own (issue #25, item 13).
            for (String name : FIGURES) {
                if (!figures.containsKey(name)) {
                    Files.deleteIfExists(dir.resolve(name + ".png"));
                }
            }
            for (Map.Entry<String, byte[]> f : figures.entrySet()) {
                AtomicFiles.writeBytes(dir.resolve(f.getKey() + ".png"), f.getValue());
            }
            AtomicFiles.writeBytes(dir.resolve("power.csv"), csv(r).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.writeBytes(dir.resolve("report.json"), JSON.writeValueAsBytes(json(r, provenanceJson)));
            AtomicFiles.writeBytes(dir.resolve("report.html"), Html.page(r, figures, provenanceJson).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OutputException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    static Map<String, byte[]> figures(ValidationReport r) {
        Map<String, byte[]> f = new LinkedHashMap<>();
        Map<String, java.awt.Color> colours = Palette.of(r);
        Dataset hr = r.hr();
        // Ratios, r and T up to k_Nyq(HR): beyond it neither box resolves anything.
        double kmax = r.kNyqHr();
        if (hr != null) {
            Map<String, double[][]> q = new LinkedHashMap<>();
            for (Dataset d : r.datasets().values()) {
                if (d.vsHr() != null) {
                    q.put(d.name(), upTo(d.power().k(), Checks.ratio(d, hr), kmax));
                }
            }
            f.put("ratio", Plots.curves("P / P_HR, shot noise subtracted (k <= k_Nyq(HR))", "ratio", false, q,
                    new double[] {1 - r.spec().powerTolerance(), 1, 1 + r.spec().powerTolerance()}, "k [h/Mpc]", colours));
        }
        Map<String, double[][]> p = new LinkedHashMap<>();
        Map<String, double[][]> raw = new LinkedHashMap<>();
        for (Dataset d : r.datasets().values()) {
            p.put(d.name(), new double[][] {d.power().k(), d.pkMinusShotNoise()});
            raw.put(d.name(), new double[][] {d.power().k(), d.power().pk()});
        }
        f.put("power", Plots.curves("P(k) - shot noise L^3/N", "P(k) [(Mpc/h)^3]", true, p, null, "k [h/Mpc]", colours));
        f.put("power_raw", Plots.curves("P(k) as measured (shot noise kept)", "P(k) [(Mpc/h)^3]", true, raw, null, "k [h/Mpc]", colours));
        if (hr != null) {
            Map<String, double[][]> cr = new LinkedHashMap<>();
            Map<String, double[][]> tr = new LinkedHashMap<>();
            for (Dataset d : r.datasets().values()) {
                if (d.vsHr() != null) {
                    cr.put(d.name(), upTo(d.vsHr().k(), d.vsHr().r(), kmax));
                    tr.put(d.name(), upTo(d.vsHr().k(), d.vsHr().transfer(), kmax));
                }
            }
            f.put("correlation", Plots.curves("cross-correlation with HR", "r(k)", false, cr, new double[] {r.spec().minCorrelation()},
                    "k [h/Mpc]", colours));
            f.put("transfer", Plots.curves("transfer function against HR", "T(k)", false, tr, new double[] {1}, "k [h/Mpc]", colours));
        }
        f.put("slices", Plots.slices(r.slices()));
        boolean anyHalos = r.datasets().values().stream().anyMatch(d -> java.util.Arrays.stream(d.massFunction().counts()).sum() > 0);
        if (anyHalos) {
            Map<String, double[][]> hmf = new LinkedHashMap<>();
            r.datasets().values().forEach(d -> hmf.put(d.name(), new double[][] {pow10(d.massFunction().log10MassCentres()),
                    d.massFunction().dndlog10m()}));
            f.put("massfunction", Plots.curves("FoF halo mass function (b = 0.2)", "dn/dlog10M [(h/Mpc)^3]", true, hmf, null,
                    "M [Msun/h]", colours));
            if (hr != null) {
                Map<String, double[][]> ratios = new LinkedHashMap<>();
                for (Dataset d : r.datasets().values()) {
                    if (d.vsHr() != null) {
                        MassFunctionRatio q = d.massFunction().ratio(hr.massFunction());
                        ratios.put(d.name(), new double[][] {pow10(hr.massFunction().log10MassCentres()), q.ratio()});
                    }
                }
                f.put("massfunction_ratio", Plots.curves("halo mass function relative to HR", "n / n_HR", false, ratios,
                        new double[] {0.9, 1, 1.1}, "M [Msun/h]", colours));
            }
        }
        return f;
    }

    private static double[] pow10(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.pow(10, x[i]);
        }
        return out;
    }

    private static double[][] upTo(double[] k, double[] y, double kmax) {
        int n = 0;
        while (n < k.length && k[n] <= kmax) {
            n++;
        }
        return new double[][] {java.util.Arrays.copyOf(k, n), java.util.Arrays.copyOf(y, n)};
    }

    static String csv(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# k_nyq_lr: %.6g%n# k_nyq_hr: %.6g%n", r.kNyqLr(), r.kNyqHr()));
        r.inputs().forEach((k, v) -> sb.append("# input.").append(k).append(": ").append(v).append('\n'));
        for (Dataset d : r.datasets().values()) {
            sb.append(String.format(Locale.ROOT, "# shot_noise.%s: %.8g%n", d.name(), d.shotNoise()));
        }
        sb.append("# ratio_X = (P_X - shot noise) / (P_HR - shot noise); r_X, T_X from the cross power with HR\n");
        sb.append("k,Nmodes");
        List<Dataset> ds = List.copyOf(r.datasets().values());
        for (Dataset d : ds) {
            sb.append(",P_").append(d.name()).append(",Pnoshot_").append(d.name());
            if (d.vsHr() != null) {
                sb.append(",ratio_").append(d.name()).append(",r_").append(d.name()).append(",T_").append(d.name());
            }
        }
        sb.append('\n');
        Dataset first = ds.get(0);
        // Each dataset's derived columns once, not once per row.
        java.util.Map<Dataset, double[]> noShot = new java.util.IdentityHashMap<>();
        java.util.Map<Dataset, double[]> ratio = new java.util.IdentityHashMap<>();
        for (Dataset d : ds) {
            noShot.put(d, d.pkMinusShotNoise());
            if (d.vsHr() != null) {
                ratio.put(d, Checks.ratio(d, r.hr()));
            }
        }
        for (int i = 0; i < first.power().size(); i++) {
            sb.append(String.format(Locale.ROOT, "%.8g,%d", first.power().k()[i], first.power().nmodes()[i]));
            for (Dataset d : ds) {
                sb.append(String.format(Locale.ROOT, ",%.8g,%.8g", d.power().pk()[i], noShot.get(d)[i]));
                if (d.vsHr() != null) {
                    sb.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g", ratio.get(d)[i], d.vsHr().r()[i],
                            d.vsHr().transfer()[i]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static Map<String, Object> json(ValidationReport r, String provenanceJson) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        m.put("verdicts", r.verdicts());
        m.put("checks", r.checks());
        m.put("inputs", r.inputs());
        m.put("spec", r.spec());
        m.put("kNyqLr", r.kNyqLr());
        m.put("kNyqHr", r.kNyqHr());
        Dataset first = r.datasets().values().iterator().next();
        m.put("k", first.power().k());
        m.put("nmodes", first.power().nmodes());
        Map<String, Object> ds = new LinkedHashMap<>();
        for (Dataset d : r.datasets().values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("role", d.role());
            e.put("shotNoise", d.shotNoise());
            e.put("pk", d.power().pk());
            e.put("pkMinusShotNoise", d.pkMinusShotNoise());
            if (d.vsHr() != null) {
                e.put("ratio", Checks.ratio(d, r.hr()));
                e.put("ratioRaw", Checks.rawRatio(d.vsHr()));
                e.put("r", d.vsHr().r());
                e.put("T", d.vsHr().transfer());
            }
            if (d.redshiftSpace() != null) {
                e.put("redshiftSpace", Map.of("p0", d.redshiftSpace().pk(), "p2", d.redshiftSpace().p2()));
                if (d.vsHr() != null && r.hr().redshiftSpace() != null) {
                    e.put("p0Ratio", Checks.monopoleRatio(d, r.hr()));
                    e.put("p2ErrorOverP0Hr", Checks.quadrupoleError(d, r.hr()));
                }
            }
            MassFunction mf = d.massFunction();
            e.put("massFunction", Map.of("log10MassEdges", mf.log10MassEdges(), "counts", mf.counts(), "dndlog10m", mf.dndlog10m(),
                    "poissonError", mf.error()));
            if (d.role() == Dataset.Role.SR) {
                e.put("seam", d.seam());
                e.put("seamNote", d.seamNote());
            }
            ds.put(d.name(), e);
        }
        m.put("datasets", ds);
        m.put("slices", Map.of("mesh", r.slices().values().iterator().next().size(), "thicknessCells", r.spec().sliceThicknessCells()));
        m.put("provenance", provenanceJson == null ? null : JSON.readTree(provenanceJson));
        return m;
    }

    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

}
