package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertEquals(1.0, j.get("crossSR").get("r").get(0).asDouble(), 1e-9);
        assertEquals(1.0, j.get("crossSR").get("ratio").get(2).asDouble(), 1e-9);
        assertEquals(0.0, j.get("seam").get("boundaryError").asDouble(), 0.0);
        for (String f : new String[] {"report.html", "power.csv", "power.png", "ratio.png", "correlation.png", "transfer.png",
                                      "slices.png", "manifest.json"}) {
            assertTrue(Files.size(dir.resolve("rep").resolve(f)) > 100, f);
        }
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
}
