package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path snapshot(String name, int side, double box, double amp) {
        Particles p = Catalogues.displacedLattice(side, box, amp);
        Path f = dir.resolve(name);
        SnapshotWriter.write(f, p, new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        return f;
    }

    @Test
    void srEqualToHrPassesEveryCheckAndTheReportHoldsTheNumbers() throws Exception {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.5);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.5);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", hr.toString(), "--out",
                dir.resolve("rep").toString(), "--tile-cells", "8");
        assertEquals(0, code, err.toString() + out);
        JsonNode j = new ObjectMapper().readTree(Files.readString(dir.resolve("rep/report.json")));
        assertTrue(j.get("passed").asBoolean());
        JsonNode sr = j.get("datasets").get("SR");
        assertEquals(1.0, sr.get("r").get(0).asDouble(), 1e-9);
        assertEquals(1.0, sr.get("ratio").get(2).asDouble(), 1e-9);
        assertEquals(0.0, sr.get("seam").get("boundaryError").asDouble(), 0.0);
        assertTrue(j.get("verdicts").get("SR").asText().startsWith("SR: passes every check"), j.get("verdicts").toString());
        assertTrue(j.get("datasets").has("trilinear") && j.get("datasets").has("LR"), "validate makes the trilinear baseline itself");
        for (String f : new String[] {"report.html", "power.csv", "power.png", "power_raw.png", "ratio.png", "correlation.png",
                                      "transfer.png", "slices.png", "manifest.json"}) {
            assertTrue(Files.size(dir.resolve("rep").resolve(f)) > 100, f);
        }
    }

    @Test
    void aGridBelowEightAndDifferentRedshiftsAreRefused() {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.0);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.0);
        for (String g : new String[] {"1", "7"}) {
            org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", hr.toString(), "--grid", g,
                    "--out", dir.resolve("g").toString()).userError(2, "--grid", "between 8 and");
        }
        Path late = dir.resolve("sr_z05.hdf5");
        SnapshotWriter.write(late, Catalogues.displacedLattice(16, 32.0, 1.0), new SnapshotMeta(0.5, 0.31, 0.69, 0.68, "{}"),
                WriteOptions.defaults());
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", late.toString(), "--hr", hr.toString(),
                "--out", dir.resolve("z").toString()).userError(4, "lr.hdf5", "sr_z05.hdf5", "different redshifts");
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", late.toString(),
                "--out", dir.resolve("z").toString()).userError(4, "hr.hdf5", "sr_z05.hdf5", "different redshifts");
    }

    @Test
    void aReportThatCannotFitTheHeapIsRefusedBeforeAnyParticleIsRead() {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.0);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.0);
        // Two interlaced spectra of a 1289^3 mesh: ~43 GB, beyond any test JVM's heap.
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", hr.toString(), "--grid",
                "1289", "--out", dir.resolve("m").toString()).userError(7, "validate of 4096 SR particles", "LOUPE_HEAP",
                "lower --grid");
        assertTrue(!java.nio.file.Files.exists(dir.resolve("m/report.html")));
    }

    @Test
    void aDifferentBoxIsRefusedWithBothNames() {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.0);
        Path sr = snapshot("sr.hdf5", 16, 40.0, 1.0);
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "validate", "--lr", lr.toString(), "--sr", sr.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(4, code);
        assertTrue(err.toString().contains("lr.hdf5") && err.toString().contains("sr.hdf5"), err.toString());
    }

    @Test
    void severalNamedSrBoxesAreJudgedEachWithAVerdictAgainstLrAndTrilinear() throws Exception {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.5);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.5);
        Path off = snapshot("off.hdf5", 16, 32.0, 3.0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "validate", "--lr", lr.toString(), "--sr", "good=" + hr, "--sr", "off=" + off, "--hr", hr.toString(),
                "--out", dir.resolve("rep").toString(), "--tile-cells", "16");
        assertEquals(6, code, "the 'off' box fails: " + err + out);
        JsonNode j = new ObjectMapper().readTree(Files.readString(dir.resolve("rep/report.json")));
        assertTrue(j.get("verdicts").get("good").asText().contains("passes every check"), j.get("verdicts").toString());
        String offLine = j.get("verdicts").get("off").asText();
        assertTrue(offLine.contains("fails P(k)") && offLine.contains("than LR") && offLine.contains("trilinear"), offLine);
        assertEquals("n/a (one tile)", j.get("datasets").get("good").get("seamNote").asText());
        for (JsonNode c : j.get("checks")) {
            if (c.get("dataset").asText().equals("good")) {
                assertTrue(c.get("passed").asBoolean(), c.toString());
            }
            if (List.of("LR", "trilinear").contains(c.get("dataset").asText())) {
                assertTrue(!c.get("judged").asBoolean(), "controls are not judged: " + c);
            }
        }
        assertTrue(out.toString().startsWith("good: passes every check"), out.toString());
        String html = Files.readString(dir.resolve("rep/report.html"));
        assertTrue(html.indexOf("id=\"verdict\"") < html.indexOf("id=\"checks\"")
                && html.indexOf("id=\"checks\"") < html.indexOf("id=\"fig-ratio\""), "verdict, then checks, then the ratio figure");
        assertTrue(html.contains("n/a (one tile)"), "seam cell");
    }

    @Test
    void srNamesMustBeDistinctAndNotTheReportsOwn() {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.0);
        for (String[] srs : new String[][] {{"a=" + lr, "a=" + lr}, {"HR=" + lr}}) {
            StringWriter err = new StringWriter();
            String[] args = {"validate", "--lr", lr.toString(), "--sr", srs[0], "--sr", srs.length > 1 ? srs[1] : srs[0], "--out",
                             dir.resolve("x").toString()};
            assertEquals(2, run(new StringWriter(), err, args), String.join(" ", srs));
            assertTrue(err.toString().contains("--sr"), err.toString());
        }
    }
}
