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
    void srNearlyHrPassesEveryCheckAndTheReportHoldsTheNumbers() throws Exception {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.5);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.5);
        // HR with one interior particle (site (4,4,4), inside a tile of 8) moved by 1 kpc/h: not HR itself.
        Path sr = dir.resolve("sr.hdf5");
        SnapshotWriter.write(sr, Catalogues.nudged(Catalogues.displacedLattice(16, 32.0, 1.5), (4 * 16 + 4) * 16 + 4, 1e-3f),
                new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "validate", "--lr", lr.toString(), "--sr", sr.toString(), "--hr", hr.toString(), "--out",
                dir.resolve("rep").toString(), "--tile-cells", "8");
        assertEquals(0, code, err.toString() + out);
        JsonNode j = new ObjectMapper().readTree(Files.readString(dir.resolve("rep/report.json")));
        assertTrue(j.get("passed").asBoolean());
        JsonNode sr0 = j.get("datasets").get("SR");
        assertEquals(1.0, sr0.get("r").get(0).asDouble(), 1e-6);
        assertEquals(1.0, sr0.get("ratio").get(2).asDouble(), 1e-6);
        assertEquals(0.0, sr0.get("seam").get("boundaryError").asDouble(), 0.0);
        assertTrue(j.get("verdicts").get("SR").asText().startsWith("SR: passes every check"), j.get("verdicts").toString());
        assertTrue(j.get("datasets").has("trilinear") && j.get("datasets").has("LR"), "validate makes the trilinear baseline itself");
        for (String f : new String[] {"report.html", "power.csv", "power.png", "power_raw.png", "ratio.png", "correlation.png",
                                      "transfer.png", "slices.png", "manifest.json"}) {
            assertTrue(Files.size(dir.resolve("rep").resolve(f)) > 100, f);
        }
    }

    /** Issue #25, item 3: a box compared with itself, under any name or re-written, is refused (exit 4). */
    @Test
    void aBoxComparedWithItselfIsRefused() throws Exception {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.5);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.5);
        String out = dir.resolve("self").toString();
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", hr.toString(), "--out", out)
                .userError(4, "hr.hdf5 (HR)", "same file", "not the SR box");
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", lr.toString(), "--out", out)
                .userError(4, "(LR)", "is the LR box itself");
        // The same particles in another order and under other IDs, written by another writer option.
        Particles p = Catalogues.displacedLattice(16, 32.0, 1.5);
        int n = p.count();
        float[] pos = new float[3 * n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p.positionsMpcH(), 3 * (n - 1 - i), pos, 3 * i, 3);
            ids[i] = 1000 + i;
        }
        Path copy = dir.resolve("copy.hdf5");
        SnapshotWriter.write(copy, new Particles(p.box(), pos, null, ids, p.massPerParticle(), null),
                new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        org.loupe.testing.Cli.run("validate", "--lr", lr.toString(), "--sr", copy.toString(), "--hr", hr.toString(), "--out", out)
                .userError(4, "copy.hdf5", "same particles");
        assertTrue(!Files.exists(dir.resolve("self/report.html")));
    }

    /** Issue #25, item 13: a reused report folder holds only the new report's figures. */
    @Test
    void aReusedFolderKeepsNoFigureOfTheEarlierReport() throws Exception {
        Path lr = snapshot("lr.hdf5", 8, 32.0, 1.5);
        Path hr = snapshot("hr.hdf5", 16, 32.0, 1.5);
        Path sr = snapshot("sr.hdf5", 16, 32.0, 1.4);
        Path rep = dir.resolve("rep");
        StringWriter err = new StringWriter();
        int withHr = run(new StringWriter(), err, "validate", "--lr", lr.toString(), "--sr", sr.toString(), "--hr", hr.toString(),
                "--out", rep.toString());
        assertTrue(withHr == 0 || withHr == 6, err.toString());
        try (var pngs = Files.list(rep)) {
            for (Path p : pngs.filter(f -> f.toString().endsWith(".png")).toList()) {
                String name = p.getFileName().toString().replace(".png", "");
                assertTrue(org.loupe.report.ReportWriterAccess.figures().contains(name), "listed in ReportWriter.FIGURES: " + name);
            }
        }
        assertTrue(Files.exists(rep.resolve("ratio.png")) && Files.exists(rep.resolve("transfer.png")));
        assertEquals(0, run(new StringWriter(), err, "validate", "--lr", lr.toString(), "--sr", sr.toString(), "--out", rep.toString()),
                err.toString());
        for (String f : new String[] {"ratio.png", "correlation.png", "transfer.png", "massfunction_ratio.png"}) {
            assertTrue(!Files.exists(rep.resolve(f)), f + " of the earlier report is gone");
        }
        assertTrue(Files.exists(rep.resolve("power.png")));
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
        Path good = dir.resolve("good.hdf5");
        SnapshotWriter.write(good, Catalogues.nudged(Catalogues.displacedLattice(16, 32.0, 1.5), 0, 1e-3f),
                new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "validate", "--lr", lr.toString(), "--sr", "good=" + good, "--sr", "off=" + off, "--hr", hr.toString(),
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

    /**
     * A multi-file SR set with small gzip chunks, read pass by pass and linked in slabs
     * (--memory-mb 1 is below the whole box's need), gives the report of the single file.
     */
    @Test
    @org.loupe.testing.ExternalTools
    @org.loupe.testing.ReferenceData
    void aMultiFileChunkedSetReadInSlabsGivesTheSingleFilesReport() throws Exception {
        org.loupe.testing.Python.requireH5py();
        Path whole = org.loupe.testing.SharedData.path("gadget4/A_N032/snapshot_004.hdf5");
        Path lr = org.loupe.testing.SharedData.path("gadget4/A_N016/snapshot_004.hdf5");
        var r = org.loupe.testing.Python.script(org.loupe.snapshot.Snapshot.class, "split_chunked.py", dir, whole.toString(),
                dir.resolve("set").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(org.loupe.stats.SlabFriendsOfFriends.slabsFor(32768, 1 << 20) > 1, "1 MB makes the finder use slabs");
        // HR: the same box with one particle moved (validate refuses a box compared with itself).
        var g = org.loupe.snapshot.SnapshotReader.open(whole);
        var h = g.header();
        Path hr = dir.resolve("hr.hdf5");
        SnapshotWriter.write(hr, Catalogues.nudged(g.readParticles(1), 100, 1e-3f),
                new SnapshotMeta(h.redshift(), h.omegaM(), h.omegaLambda(), h.hubble(), "{}"), WriteOptions.defaults());
        StringWriter err = new StringWriter();
        int one = run(new StringWriter(), err, "validate", "--lr", lr.toString(), "--sr", whole.toString(), "--hr", hr.toString(),
                "--out", dir.resolve("one").toString(), "--tile-cells", "8");
        int set = run(new StringWriter(), err, "validate", "--lr", lr.toString(), "--sr", dir.resolve("set.0.hdf5").toString(), "--hr",
                hr.toString(), "--out", dir.resolve("set").toString(), "--tile-cells", "8", "--memory-mb", "1");
        assertEquals(one, set, err.toString());
        assertTrue(!err.toString().contains("thinnest"), "1 MB is enough for slabs of a 32^3 box: " + err);
        JsonNode a = new ObjectMapper().readTree(Files.readString(dir.resolve("one/report.json")));
        JsonNode b = new ObjectMapper().readTree(Files.readString(dir.resolve("set/report.json")));
        assertEquals(a.get("checks").toString(), b.get("checks").toString());
        assertEquals(a.get("datasets").get("SR").get("massFunction").toString(), b.get("datasets").get("SR").get("massFunction").toString());
        assertEquals(a.get("datasets").get("SR").get("seam").toString(), b.get("datasets").get("SR").get("seam").toString());
    }
}
