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
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.MassFunction;
import org.loupe.stats.MassFunctionRatio;

/**
 * Writes a {@link ValidationReport} as a folder a person reads: {@code report.html} (self-contained,
 * images embedded), {@code report.json} (every number and each check), {@code power.csv} and the
 * PNG figures. Each file goes to a temp name and is renamed.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(ValidationReport r, Path dir, String provenanceJson) {
        try {
            Files.createDirectories(dir);
            Map<String, byte[]> figures = figures(r);
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
        Map<String, double[][]> p = new LinkedHashMap<>();
        p.put("LR", new double[][] {r.lr().k(), r.lr().pk()});
        p.put("SR", new double[][] {r.sr().k(), r.sr().pk()});
        if (r.hr() != null) {
            p.put("HR", new double[][] {r.hr().k(), r.hr().pk()});
        }
        f.put("power", Plots.curves("P(k)", "P(k) [(Mpc/h)^3]", true, p, null));
        if (r.srVsHr() != null) {
            CrossPowerResult s = r.srVsHr();
            CrossPowerResult l = r.lrVsHr();
            // Ratios, r and T up to k_Nyq(HR): beyond it neither box resolves anything.
            double kmax = r.kNyqHr();
            f.put("ratio", Plots.curves("P / P_HR (k <= k_Nyq(HR))", "ratio", false, Map.of("LR / HR", upTo(l.k(), ratio(l), kmax),
                    "SR / HR", upTo(s.k(), ratio(s), kmax)), new double[] {1 - r.spec().powerTolerance(), 1, 1 + r.spec().powerTolerance()}));
            f.put("correlation", Plots.curves("cross-correlation with HR", "r(k)", false, Map.of("LR", upTo(l.k(), l.r(), kmax),
                    "SR", upTo(s.k(), s.r(), kmax)), new double[] {r.spec().minCorrelation()}));
            f.put("transfer", Plots.curves("transfer function against HR", "T(k)", false, Map.of("LR", upTo(l.k(), l.transfer(), kmax),
                    "SR", upTo(s.k(), s.transfer(), kmax)), new double[] {1}));
        }
        f.put("slices", Plots.slices(r.slices()));
        boolean anyHalos = r.massFunctions() != null
                && r.massFunctions().values().stream().anyMatch(m -> java.util.Arrays.stream(m.counts()).sum() > 0);
        if (anyHalos) {
            Map<String, double[][]> hmf = new LinkedHashMap<>();
            r.massFunctions().forEach((k, m) -> hmf.put(k, new double[][] {pow10(m.log10MassCentres()), m.dndlog10m()}));
            f.put("massfunction", Plots.curves("FoF halo mass function (b = 0.2)", "dn/dlog10M [(h/Mpc)^3]", true, hmf, null,
                    "M [Msun/h]"));
            MassFunction hr = r.massFunctions().get("HR");
            if (hr != null) {
                Map<String, double[][]> ratios = new LinkedHashMap<>();
                for (String k : new String[] {"LR", "SR"}) {
                    MassFunctionRatio q = r.massFunctions().get(k).ratio(hr);
                    ratios.put(k + " / HR", new double[][] {pow10(hr.log10MassCentres()), q.ratio()});
                }
                f.put("massfunction_ratio", Plots.curves("halo mass function relative to HR", "n / n_HR", false, ratios,
                        new double[] {0.9, 1, 1.1}, "M [Msun/h]"));
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

    static double[] ratio(CrossPowerResult x) {
        double[] out = new double[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.pk1()[i] / x.pk2()[i];
        }
        return out;
    }

    static String csv(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# k_nyq_lr: %.6g%n# k_nyq_hr: %.6g%n", r.kNyqLr(), r.kNyqHr()));
        r.inputs().forEach((k, v) -> sb.append("# input.").append(k).append(": ").append(v).append('\n'));
        boolean hr = r.hr() != null;
        sb.append("k,Nmodes,P_LR,P_SR").append(hr ? ",P_HR,ratio_LR,ratio_SR,r_LR,r_SR,T_LR,T_SR" : "").append('\n');
        for (int i = 0; i < r.sr().size(); i++) {
            sb.append(String.format(Locale.ROOT, "%.8g,%d,%.8g,%.8g", r.sr().k()[i], r.sr().nmodes()[i], r.lr().pk()[i], r.sr().pk()[i]));
            if (hr) {
                CrossPowerResult l = r.lrVsHr();
                CrossPowerResult s = r.srVsHr();
                sb.append(String.format(Locale.ROOT, ",%.8g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g", r.hr().pk()[i], l.pk1()[i] / l.pk2()[i],
                        s.pk1()[i] / s.pk2()[i], l.r()[i], s.r()[i], l.transfer()[i], s.transfer()[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static Map<String, Object> json(ValidationReport r, String provenanceJson) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", r.passed());
        m.put("checks", r.checks());
        m.put("inputs", r.inputs());
        m.put("spec", r.spec());
        m.put("kNyqLr", r.kNyqLr());
        m.put("kNyqHr", r.kNyqHr());
        m.put("power", Map.of("k", r.sr().k(), "nmodes", r.sr().nmodes(), "lr", r.lr().pk(), "sr", r.sr().pk(),
                "hr", r.hr() == null ? List.of() : r.hr().pk()));
        if (r.srVsHr() != null) {
            m.put("crossSR", Map.of("r", r.srVsHr().r(), "T", r.srVsHr().transfer(), "ratio", ratio(r.srVsHr())));
            m.put("crossLR", Map.of("r", r.lrVsHr().r(), "T", r.lrVsHr().transfer(), "ratio", ratio(r.lrVsHr())));
        }
        m.put("seam", r.seam());
        Map<String, Object> hmf = new LinkedHashMap<>();
        if (r.massFunctions() != null) {
            r.massFunctions().forEach((k, mf) -> hmf.put(k, Map.of("log10MassEdges", mf.log10MassEdges(), "counts", mf.counts(),
                    "dndlog10m", mf.dndlog10m(), "poissonError", mf.error())));
        }
        m.put("massFunctions", hmf);
        m.put("slices", Map.of("mesh", r.slices().values().iterator().next().size(), "thicknessCells", r.spec().sliceThicknessCells()));
        m.put("provenance", provenanceJson == null ? null : JSON.readTree(provenanceJson));
        return m;
    }

    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

}
