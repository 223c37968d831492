package org.loupe.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The self-contained HTML page of a validation report (inline CSS, images as data URIs). */
final class Html {

    private Html() {
    }

    static String page(ValidationReport r, Map<String, byte[]> figures, String provenanceJson) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loupe validation report</title>")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:0.5em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th{background:#f3f3f3}.pass{background:#d9f2d9}.fail{background:#f8d0d0}.ctlfail{background:#f3eee0}img{max-width:100%}")
                .append("#verdict{padding:2px 12px;margin:0}#verdict ul{margin:4px 0}figure{margin:0.5em 0}")
                .append(".sw{display:inline-block;width:0.9em;height:0.9em;margin-right:4px;vertical-align:middle}h1{margin:0.2em 0}")
                .append("code{font-size:90%}</style></head><body>");
        h.append("<h1>Loupe validation report</h1>");
        Map<String, java.awt.Color> colours = Palette.of(r);
        // First screen: the verdict, the checks side by side, the P(k) ratio.
        h.append("<div id=\"verdict\" class=\"").append(r.passed() ? "pass" : "fail").append("\"><p><b>")
                .append(r.hr() == null ? "No HR box: nothing judged." : r.passed() ? "Every SR input passes every check."
                        : "At least one SR input fails a check.").append("</b></p><ul>");
        r.verdicts().forEach((name, line) -> h.append("<li>").append(swatch(colours, name)).append(esc(line)).append("</li>"));
        h.append("</ul></div>");
        if (!r.checks().isEmpty()) {
            List<String> cols = r.datasets().values().stream().filter(d -> d.role() != Dataset.Role.REFERENCE).map(Dataset::name).toList();
            h.append("<table id=\"checks\"><tr><th>check</th>");
            for (String c : cols) {
                Dataset d = r.datasets().get(c);
                h.append("<th>").append(swatch(colours, c)).append(esc(c)).append(d.judged() ? "" : " <small>(control)</small>").append("</th>");
            }
            h.append("<th>limit</th></tr>");
            for (String kind : List.of(Checks.POWER, Checks.CORRELATION, Checks.HALOS, Checks.MASS_FUNCTION, Checks.MONOPOLE,
                    Checks.QUADRUPOLE)) {
                if (r.checks().stream().noneMatch(c -> c.kind().equals(kind))) {
                    continue;   // no velocities or no cosmology: no redshift-space rows
                }
                String detail = "";
                String limit = "";
                StringBuilder cells = new StringBuilder();
                for (String c : cols) {
                    ValidationReport.Check k = r.check(c, kind);
                    if (k == null) {
                        cells.append("<td>&ndash;</td>");
                        continue;
                    }
                    detail = k.detail().replaceAll(";.*", "").replaceAll(": \\d+ vs \\d+.*", "").replaceAll(": \\d+ of \\d+", "");
                    limit = format(kind, k.limit());
                    cells.append("<td class=\"").append(k.passed() ? "pass" : k.judged() ? "fail" : "ctlfail").append("\" title=\"")
                            .append(esc(k.detail())).append("\">").append(format(kind, k.measured())).append(k.passed() ? "" : " &#10007;")
                            .append("</td>");
                }
                h.append("<tr><td style=\"text-align:left\">").append(esc(kind)).append(": <small>").append(esc(detail))
                        .append("</small></td>").append(cells).append("<td>").append(limit).append("</td></tr>");
            }
            h.append("<tr><td style=\"text-align:left\">seams: <small>tile-face / interior error (1 = invisible)</small></td>");
            for (String c : cols) {
                Dataset d = r.datasets().get(c);
                h.append("<td>").append(!d.judged() ? "&ndash;" : d.seam() != null ? String.format(Locale.ROOT, "%.3f", d.seam().ratio())
                        : esc(d.seamNote() == null ? "n/a" : d.seamNote())).append("</td>");
            }
            h.append("<td></td></tr></table>");
            h.append("<p><small>P(k) is compared with each box's shot noise L<sup>3</sup>/N subtracted, so boxes of different particle"
                    + " numbers meet on equal footing; LR and trilinear (made by validate from LR) are controls: shown, not judged."
                    + " Hover a cell for where the worst value is.</small></p>");
        }
        figure(h, figures, "ratio", "P / P_HR with shot noise subtracted, with the tolerance band");
        if (r.hr() == null) {
            h.append("<p>No HR box was given: only LR and SR are shown.</p>");
        }
        figure(h, figures, "power", "Power spectra minus shot noise (CIC, interlaced, compensated)");
        figure(h, figures, "power_raw", "Power spectra as measured (shot noise kept)");
        figure(h, figures, "correlation", "Cross-correlation coefficient r(k) with HR");
        figure(h, figures, "transfer", "Transfer function T(k) = sqrt(P/P_HR), shot noise kept");
        figure(h, figures, "slices", String.format(Locale.ROOT,
                "Density slices, log10(1+delta) on one colour scale; residuals SR - HR on a symmetric scale (%d cells thick)",
                r.spec().sliceThicknessCells()));
        h.append("<h2>Halo mass function</h2>");
        if (!figures.containsKey("massfunction")) {
            h.append("<p>No friends-of-friends group in the mass bins in any box.</p>");
        } else {
            figure(h, figures, "massfunction", String.format(Locale.ROOT, "Friends-of-friends halo mass function (b = 0.2; bins of %.1f dex"
                    + " from %d HR particle masses)", Validator.MASS_BIN_DEX, r.spec().haloMinHrParticles()));
            figure(h, figures, "massfunction_ratio", "Mass function relative to HR");
            h.append("<table><tr><th>log10 M [Msun/h]</th>");
            r.datasets().keySet().forEach(k -> h.append("<th>N<sub>").append(esc(k)).append("</sub></th>"));
            h.append("</tr>");
            Dataset any = r.datasets().values().iterator().next();
            for (int b = 0; b < any.massFunction().size(); b++) {
                h.append(String.format(Locale.ROOT, "<tr><td>%.2f&ndash;%.2f</td>", any.massFunction().log10MassEdges()[b],
                        any.massFunction().log10MassEdges()[b + 1]));
                for (Dataset d : r.datasets().values()) {
                    h.append("<td>").append(d.massFunction().counts()[b]).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Inputs</h2><table>");
        r.inputs().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td style=\"text-align:left\"><code>")
                .append(esc(String.valueOf(v))).append("</code></td></tr>"));
        h.append("</table>");
        if (r.hr() != null) {
            List<Dataset> cmp = r.datasets().values().stream().filter(d -> d.vsHr() != null).toList();
            h.append("<h2>Table (k &le; k<sub>Nyq</sub>(HR); P with shot noise subtracted)</h2><table><tr><th>k [h/Mpc]</th>")
                    .append("<th>N<sub>modes</sub></th>");
            cmp.forEach(d -> h.append("<th>P<sub>").append(esc(d.name())).append("</sub>/P<sub>HR</sub></th>"));
            cmp.forEach(d -> h.append("<th>r<sub>").append(esc(d.name())).append("</sub></th>"));
            h.append("</tr>");
            Dataset first = cmp.get(0);
            List<double[]> ratios = cmp.stream().map(d -> Checks.ratio(d, r.hr())).toList();   // once, not per row
            for (int i = 0; i < first.vsHr().size() && first.vsHr().k()[i] <= r.kNyqHr(); i++) {
                h.append(String.format(Locale.ROOT, "<tr><td>%.3f</td><td>%d</td>", first.vsHr().k()[i], first.vsHr().nmodes()[i]));
                for (double[] q : ratios) {
                    h.append(String.format(Locale.ROOT, "<td>%.3f</td>", q[i]));
                }
                for (Dataset d : cmp) {
                    h.append(String.format(Locale.ROOT, "<td>%.4f</td>", d.vsHr().r()[i]));
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>Provenance</h2><pre>").append(esc(provenanceJson == null ? "" : provenanceJson)).append("</pre>");
        // Records how many figures decoded, so a headless browser check can see that the plots render.
        h.append("<script>window.addEventListener('load',function(){var n=0;document.querySelectorAll('figure img')")
                .append(".forEach(function(i){if(i.naturalWidth>0)n++;});document.body.setAttribute('data-figures-rendered',n);")
                // And which of the verdict, the checks and the ratio figure start within the first screen.
                .append("var s=[];['verdict','checks','fig-ratio'].forEach(function(id){var e=document.getElementById(id);")
                .append("if(e&&e.getBoundingClientRect().top<window.innerHeight)s.push(id);});")
                .append("document.body.setAttribute('data-first-screen',s.join(','));});")
                .append("</script>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String format(String kind, double v) {
        return switch (kind) {
            case Checks.POWER, Checks.HALOS, Checks.MONOPOLE, Checks.QUADRUPOLE -> String.format(Locale.ROOT, "%.1f %%", 100 * v);
            case Checks.CORRELATION -> String.format(Locale.ROOT, "%.4f", v);
            default -> String.format(Locale.ROOT, "%d", (int) Math.round(v));
        };
    }

    private static String swatch(Map<String, java.awt.Color> colours, String name) {
        java.awt.Color c = colours.get(name);
        return c == null ? "" : "<span class=\"sw\" style=\"background:" + Palette.css(c) + "\"></span>";
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
