package org.loupe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.particles.Particles;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;
import org.loupe.stats.SeamMetric;
import org.loupe.testing.Catalogues;
import org.loupe.testing.Python;
import org.loupe.testing.Browser;

/**
 * Opens report.html in headless Chromium (Debian's chromium; .ci/run installs it) and checks that
 * every figure decodes and renders, and keeps a screenshot as an artefact.
 */
@Browser
class ReportInBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";

    @TempDir
    Path dir;

    @Test
    void theReportRendersItsPlotsInABrowser() throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            fail("chromium is not installed: apt-get install -y chromium, or leave out the browser tests"
                    + " (-DexcludedGroups=browser)");
        }
        Particles lr = Catalogues.displacedLattice(8, 32.0, 1.2);
        Particles hr = Catalogues.displacedLattice(16, 32.0, 1.2);
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        Particles off = Catalogues.displacedLattice(16, 32.0, 2.0);
        Map<String, Particles> srs = new java.util.LinkedHashMap<>();
        srs.put("mine", off);
        srs.put("sr-x2", hr);
        ValidationInput in = ValidationInput.of(lr, srs, hr).withSides(8, 16)
                .withNames(Map.of("LR", "lr.hdf5", "SR mine", "mine.hdf5", "SR sr-x2", "sr.hdf5", "HR", "hr.hdf5"));
        ValidationReport r = new Validator(ps, 2).run(in, 32, ValidationSpec.defaults(), new SeamMetric(1, 1, 1, 8));
        ReportWriter.write(r, dir.resolve("report"), "{\"command\":\"test\"}");
        Path html = dir.resolve("report/report.html");
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000");
        var dom = Python.run(command(flags, "--window-size=1280,1024", "--dump-dom", html.toUri().toString()), 120);
        Matcher m = Pattern.compile("data-figures-rendered=\"(\\d+)\"").matcher(dom.output());
        assertTrue(m.find(), "the page's load handler ran: " + dom.output().substring(0, Math.min(300, dom.output().length())));
        int figures = Files.readString(html).split("<figure>", -1).length - 1;
        assertTrue(figures >= 5, "power, ratio, correlation, transfer and slices at least: " + figures);
        assertEquals(figures, Integer.parseInt(m.group(1)), "every figure renders");
        Matcher first = Pattern.compile("data-first-screen=\"([^\"]*)\"").matcher(dom.output());
        assertTrue(first.find(), "the first-screen probe ran");
        assertEquals("verdict,checks,fig-ratio", first.group(1), "on a 1280x1024 screen without scrolling");
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Python.run(command(flags, "--screenshot=" + shot, "--window-size=1280,1024", html.toUri().toString()), 120);
        assertTrue(Files.size(shot) > 10_000, "screenshot written to " + shot);
    }

    private static List<String> command(List<String> flags, String... more) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(CHROMIUM);
        cmd.addAll(flags);
        cmd.addAll(List.of(more));
        return cmd;
    }
}
