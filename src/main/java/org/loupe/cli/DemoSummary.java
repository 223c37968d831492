package org.loupe.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo's last words: two or three plain sentences from a validation report.json saying what
 * worked and what did not, so a first-time user does not have to read the table to know.
 */
final class DemoSummary {

    private DemoSummary() {
    }

    static List<String> sentences(JsonNode report) {
        List<String> out = new ArrayList<>();
        double tol = report.path("spec").path("powerTolerance").asDouble();
        double lrP = measured(report, "LR", "P(k)");
        double triP = measured(report, "trilinear", "P(k)");
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> beatTri = new ArrayList<>();
        for (var it = report.path("verdicts").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            double p = measured(report, name, "P(k)");
            String line = String.format(Locale.ROOT, "%s (%.1f %%)", name, 100 * p);
            (p <= tol ? passed : failed).add(line);
            if (p < triP) {
                beatTri.add(name);
            }
        }
        if (Double.isNaN(lrP)) {
            out.add("There was no HR box to compare with, so nothing was judged.");
            return out;
        }
        String pk = String.format(Locale.ROOT, "shot noise subtracted, up to k = %.2f h/Mpc; LR is %.1f %% off, trilinear %.1f %%",
                report.path("kNyqHr").asDouble() * report.path("spec").path("kFractionOfHrNyquist").asDouble(), 100 * lrP, 100 * triP);
        if (!passed.isEmpty()) {
            out.add(String.format(Locale.ROOT, "Worked: %s matched the HR power spectrum within %.0f %% (%s).", String.join(" and ", passed),
                    100 * tol, pk));
        }
        if (!failed.isEmpty()) {
            out.add(String.format(Locale.ROOT, "Did not work: %s missed the %.0f %% power-spectrum goal%s.", String.join(" and ", failed),
                    100 * tol, passed.isEmpty() ? " (" + pk + ")" : ""));
        }
        List<String> halos = new ArrayList<>();
        for (var it = report.path("verdicts").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            halos.add(String.format(Locale.ROOT, "%s %s", name, haloRatio(report, name)));
        }
        out.add((beatTri.isEmpty() ? "No SR box beat the trilinear baseline in P(k)"
                : String.join(" and ", beatTri) + " beat the trilinear baseline in P(k)")
                + "; halos of at least " + report.path("spec").path("haloMinHrParticles").asInt(50) + " HR particles, as a fraction of HR's: " + String.join(", ", halos)
                + " (LR " + haloRatio(report, "LR") + ").");
        return out;
    }

    private static double measured(JsonNode report, String dataset, String kind) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("dataset").asText().equals(dataset) && c.path("kind").asText().equals(kind)) {
                return c.path("measured").asDouble();
            }
        }
        return Double.NaN;
    }

    private static String haloRatio(JsonNode report, String dataset) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("dataset").asText().equals(dataset) && c.path("kind").asText().equals("halo count")) {
                String d = c.path("detail").asText();
                int i = d.indexOf("(ratio ");
                return i < 0 ? "?" : d.substring(i + 7, d.indexOf(')', i));
            }
        }
        return "?";
    }
}
