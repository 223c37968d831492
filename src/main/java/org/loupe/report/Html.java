package org.loupe.report;

import java.util.Locale;
import java.util.Map;

/** The self-contained HTML page of a validation report (inline CSS, images as data URIs). */
final class Html {

    private Html() {
    }

    static String page(ValidationReport r, Map<String, byte[]> figures, String provenanceJson) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loupe validation report</title>")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f3f3f3}.pass{background:#d9f2d9}.fail{background:#f8d0d0}img{max-width:100%}")
                .append("code{font-size:90%}</style></head><body>");
        h.append("<h1>Loupe validation report</h1>");
        h.append("<p class=\"").append(r.passed() ? "pass" : "fail").append("\"><b>")
                .append(r.passed() ? "All checks pass." : "Some checks fail.").append("</b></p>");
        h.append("<h2>Checks</h2><table><tr><th>check</th><th>result</th><th>measured</th><th>limit</th><th>where</th></tr>");
        for (ValidationReport.Check c : r.checks()) {
            h.append("<tr class=\"").append(c.passed() ? "pass" : "fail").append("\"><td style=\"text-align:left\">").append(esc(c.name()))
                    .append("</td><td>").append(c.passed() ? "pass" : "FAIL").append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4g", c.measured())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4g", c.limit())).append("</td><td>").append(esc(c.detail())).append("</td></tr>");
        }
        h.append("</table>");
        if (r.hr() == null) {
            h.append("<p>No HR box was given: only LR and SR are shown.</p>");
        }
        h.append("<h2>Inputs</h2><table>");
        r.inputs().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td style=\"text-align:left\"><code>")
                .append(esc(String.valueOf(v))).append("</code></td></tr>"));
        h.append("</table>");
        figure(h, figures, "power", "Power spectra (CIC, interlaced, compensated; shot noise not subtracted)");
        figure(h, figures, "ratio", "Ratio to HR, with the tolerance band");
        figure(h, figures, "correlation", "Cross-correlation coefficient r(k) with HR");
        figure(h, figures, "transfer", "Transfer function T(k) = sqrt(P/P_HR)");
        figure(h, figures, "slices", String.format(Locale.ROOT,
                "Density slices, log10(1+delta) on one colour scale; residual SR - HR on a symmetric scale (%d cells thick)",
                r.spec().sliceThicknessCells()));
        if (r.seam() != null) {
            h.append(String.format(Locale.ROOT, "<h2>Seams</h2><p>Mean squared displacement error on tile faces / interior = "
                    + "<b>%.3f</b> (tiles of %d HR cells; 1 means invisible seams).</p>", r.seam().ratio(), r.seam().tileCells()));
        }
        h.append("<h2>Halo mass function</h2>");
        if (!figures.containsKey("massfunction")) {
            h.append("<p>No friends-of-friends group of at least 20 particles in any box.</p>");
        } else if (r.massFunctions() != null) {
            figure(h, figures, "massfunction", "Friends-of-friends halo mass function (b = 0.2, at least 20 particles)");
            figure(h, figures, "massfunction_ratio", "Mass function relative to HR (Poisson errors in the table)");
            h.append("<table><tr><th>log10 M [Msun/h]</th>");
            r.massFunctions().keySet().forEach(k -> h.append("<th>N<sub>").append(esc(k)).append("</sub></th>"));
            if (r.massFunctions().containsKey("HR")) {
                h.append("<th>SR/HR</th><th>LR/HR</th>");
            }
            h.append("</tr>");
            var any = r.massFunctions().values().iterator().next();
            for (int b = 0; b < any.size(); b++) {
                h.append(String.format(Locale.ROOT, "<tr><td>%.2f&ndash;%.2f</td>", any.log10MassEdges()[b], any.log10MassEdges()[b + 1]));
                for (var mf : r.massFunctions().values()) {
                    h.append("<td>").append(mf.counts()[b]).append("</td>");
                }
                if (r.massFunctions().containsKey("HR")) {
                    long hr = r.massFunctions().get("HR").counts()[b];
                    for (String k : new String[] {"SR", "LR"}) {
                        long c = r.massFunctions().get(k).counts()[b];
                        h.append("<td>").append(hr == 0 ? "&ndash;" : String.format(Locale.ROOT, "%.2f &plusmn; %.2f", (double) c / hr,
                                (double) c / hr * Math.sqrt(1.0 / Math.max(c, 1) + 1.0 / hr))).append("</td>");
                    }
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        if (r.srVsHr() != null) {
            h.append("<h2>Table (k &le; k<sub>Nyq</sub>(HR))</h2><table><tr><th>k [h/Mpc]</th><th>N<sub>modes</sub></th>")
                    .append("<th>P<sub>LR</sub>/P<sub>HR</sub></th><th>P<sub>SR</sub>/P<sub>HR</sub></th><th>r<sub>LR</sub></th>")
                    .append("<th>r<sub>SR</sub></th></tr>");
            double[] rl = ReportWriter.ratio(r.lrVsHr());
            double[] rs = ReportWriter.ratio(r.srVsHr());
            for (int i = 0; i < r.srVsHr().size() && r.srVsHr().k()[i] <= r.kNyqHr(); i++) {
                h.append(String.format(Locale.ROOT, "<tr><td>%.3f</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.4f</td><td>%.4f</td></tr>",
                        r.srVsHr().k()[i], r.srVsHr().nmodes()[i], rl[i], rs[i], r.lrVsHr().r()[i], r.srVsHr().r()[i]));
            }
            h.append("</table>");
        }
        h.append("<h2>Provenance</h2><pre>").append(esc(provenanceJson == null ? "" : provenanceJson)).append("</pre>");
        // Records how many figures decoded, so a headless browser check can see that the plots render.
        h.append("<script>window.addEventListener('load',function(){var n=0;document.querySelectorAll('figure img')")
                .append(".forEach(function(i){if(i.naturalWidth>0)n++;});document.body.setAttribute('data-figures-rendered',n);});")
                .append("</script>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, Map<String, byte[]> figures, String key, String caption) {
        byte[] png = figures.get(key);
        if (png == null) {
            return;
        }
        h.append("<figure><img id=\"fig-").append(key).append("\" alt=\"").append(esc(caption)).append("\" src=\"data:image/png;base64,")
                .append(ReportWriter.base64(png)).append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
