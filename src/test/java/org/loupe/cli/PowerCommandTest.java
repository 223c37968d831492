package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.mesh.Grid;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;
import org.loupe.run.Sha256;
import org.loupe.snapshot.GridFile;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.PowerResult;
import org.loupe.testing.Catalogues;

/** {@code loupe power} and {@code loupe paint --interlace} end to end on tiny snapshots written in the test. */
class PowerCommandTest {

    private static final double BOX = 32.0;
    private static final int N = 16;

    @TempDir
    Path dir;

    Path snap;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void writeSnapshot() {
        Particles particles = Catalogues.uniform(4000, BOX, 7L);
        snap = dir.resolve("snap_000.hdf5");
        SnapshotWriter.write(snap, particles, new SnapshotMeta(0.5, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path power(String name, String... args) {
        Path out = dir.resolve(name);
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        all[args.length + 2] = "--threads";
        all[args.length + 3] = "2";
        Run r = run(all);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void autoPowerWritesCsvJsonAndManifest() throws Exception {
        Path csv = power("pk.csv", "power", snap.toString(), "--grid", String.valueOf(N), "--window", "tsc");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("# loupe: power spectrum", lines.get(0));
        assertTrue(lines.contains("# window: TSC"), lines.toString());
        assertTrue(lines.contains("# interlaced: true"), "interlacing is the default: " + lines);
        assertTrue(lines.contains("# grid: " + N), lines.toString());
        assertTrue(lines.contains("# particles: 4000"), lines.toString());
        assertTrue(lines.contains("# source: " + Sha256.of(snap) + " " + snap), lines.toString());
        String header = lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertEquals("k,Pk,Nmodes,P2,P4", header);

        PowerResult r = PowerResult.readCsv(csv);
        assertEquals(BOX, r.meta().boxMpcH(), 1e-9);
        assertEquals(0.5, r.meta().redshift(), 1e-9);
        assertEquals(BOX * BOX * BOX / 4000, r.meta().shotNoiseMpcH3(), 1e-9);
        long modes = 0;
        for (long m : r.nmodes()) {
            modes += m;
        }
        assertEquals(((long) N * N * N - 8) / 2 + 8 - 1, modes, "every independent mode but DC, up to the cube corner");
        for (int b = 1; b < r.size(); b++) {
            assertTrue(r.k()[b] > r.k()[b - 1]);
        }
        assertArrayEquals(r.pk(), PowerResult.readJson(dir.resolve("pk.json")).pk());

        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("pk.csv.manifest.json")));
        assertEquals("power", manifest.get("command").asText());
        assertEquals(Sha256.of(snap), manifest.get("inputs").get(0).get("sha256").asText());
        assertEquals("plain Java (no ND4J)", manifest.get("backend").asText());
        assertEquals(N, manifest.get("config").get("grid").asInt());
        assertTrue(manifest.get("config").get("power").get("interlace").asBoolean());
    }

    @Test
    void foldingReportsTheUnfoldedBinsAtLowKAndFoldedOnesBeyond() throws Exception {
        Path plain = power("plain.csv", "power", snap.toString(), "--grid", String.valueOf(N));
        Path csv = power("fold.csv", "power", snap.toString(), "--grid", String.valueOf(N), "--fold", "4");
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.contains("# fold: 4"), lines.toString());
        assertEquals("k,Pk,Nmodes,P2,P4,fold", lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        PowerResult direct = PowerResult.readCsv(plain);
        double kSwitch = 0.5 * Math.PI * N / BOX;
        List<String[]> rows = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("k,")).map(l -> l.split(","))
                .toList();
        int b = 0;
        for (String[] row : rows) {
            double k = Double.parseDouble(row[0]);
            if (k <= kSwitch) {
                assertEquals("1", row[5]);
                assertEquals(direct.pk()[b], Double.parseDouble(row[1]), 0.0, "unfolded bins as measured directly");
                b++;
            } else {
                assertEquals("4", row[5]);
            }
        }
        double kMax = Double.parseDouble(rows.get(rows.size() - 1)[0]);
        assertTrue(kMax > 3.5 * Math.sqrt(3) * Math.PI * N / BOX, "folded 4 times: up to ~4 x the corner, got " + kMax);
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("fold.csv.manifest.json")));
        assertEquals(4, manifest.get("config").get("fold").asInt());
    }

    @Test
    void foldingIsForTheAutoPowerOfASnapshotAndAMeshBeyondTheHeapIsRefusedBeforeWork() {
        String err = run("power", snap.toString(), "--cross", snap.toString(), "--grid", "16", "--fold", "4", "--out",
                dir.resolve("x.csv").toString()).err();
        assertTrue(err.contains("--fold") && err.contains("--cross"), err);
        Run big = run("power", snap.toString(), "--grid", "1289", "--out", dir.resolve("big.csv").toString());
        assertEquals(7, big.code(), big.err());
        assertTrue(big.err().contains("lower --grid") && big.err().contains("LOUPE_HEAP"), big.err());
        assertEquals(1, big.err().strip().split("\n").length, big.err());
        assertFalse(Files.exists(dir.resolve("big.csv")));
    }

    @Test
    void optionsReachTheEstimator() {
        double kNyq = Math.PI * N / BOX;
        Path csv = power("opts.csv", "power", snap.toString(), "--grid", String.valueOf(N), "--no-interlace",
                "--axis", "x", "--nyquist-only", "--subtract-shot-noise", "--kmin", "0.3", "--bin-width", "2");
        PowerResult r = PowerResult.readCsv(csv);
        assertFalse(r.meta().interlaced());
        assertEquals(Window.CIC, r.meta().window());
        assertEquals(0, r.meta().losAxis());
        assertTrue(r.meta().shotNoiseSubtracted());
        assertEquals(2.0, r.meta().binWidthKf());
        assertTrue(r.k()[0] >= 0.3 && r.k()[r.size() - 1] <= kNyq * (1 + 1e-12), "k range " + r.k()[0] + ".." + r.k()[r.size() - 1]);
        assertEquals(2, run("power", snap.toString(), "--grid", "16", "--axis", "w", "--out", dir.resolve("x.csv").toString()).code());
        Run noGrid = run("power", snap.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(2, noGrid.code());
        assertTrue(noGrid.err().contains("--grid"), noGrid.err());
    }

    @Test
    void crossPowerOfASnapshotWithItselfIsPerfectlyCorrelated() throws Exception {
        Path csv = power("x.csv", "power", snap.toString(), "--cross", snap.toString(), "--grid", String.valueOf(N));
        String header = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertEquals("k,Pk1,Pk2,Pk12,r,Nmodes,T", header);
        CrossPowerResult x = CrossPowerResult.readCsv(csv);
        assertTrue(x.size() > 10);
        for (int b = 0; b < x.size(); b++) {
            assertEquals(1.0, x.r()[b], 1e-12);
            assertEquals(1.0, x.transfer()[b], 1e-12);
        }
        assertTrue(Files.exists(dir.resolve("x.json")));
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("x.csv.manifest.json")));
        assertEquals(2, manifest.get("inputs").size());
    }

    @Test
    void aGridFileGivesTheSamePowerAsItsSnapshot() {
        Path grid = dir.resolve("rho.h5");
        assertEquals(0, run("paint", snap.toString(), "--grid", String.valueOf(N), "--window", "tsc",
                "--out", grid.toString()).code());
        PowerResult fromGrid = PowerResult.readCsv(power("g.csv", "power", grid.toString()));
        PowerResult fromSnap = PowerResult.readCsv(power("s.csv", "power", snap.toString(), "--grid", String.valueOf(N),
                "--window", "tsc", "--no-interlace"));
        assertFalse(fromGrid.meta().interlaced(), "a grid is used as painted");
        assertEquals(Window.TSC, fromGrid.meta().window());
        assertArrayEquals(fromSnap.k(), fromGrid.k());
        assertArrayEquals(fromSnap.pk(), fromGrid.pk(), "the same float grid, the same transform");
        assertArrayEquals(fromSnap.p2(), fromGrid.p2());
        assertEquals(grid.toString(), fromGrid.meta().sources().get(0).path(), "the grid file first, then its snapshot");
        assertEquals(snap.toString(), fromGrid.meta().sources().get(1).path());

        // Snapshot against its own grid: settings come from the grid, and r = 1.
        CrossPowerResult x = CrossPowerResult.readCsv(power("sg.csv", "power", snap.toString(), "--cross", grid.toString()));
        for (int b = 0; b < x.size(); b++) {
            assertEquals(1.0, x.r()[b], 1e-12);
        }
        Run contradicts = run("power", grid.toString(), "--window", "cic", "--out", dir.resolve("c.csv").toString());
        assertEquals(2, contradicts.code());
        assertTrue(contradicts.err().contains("rho.h5") && contradicts.err().contains("TSC"), contradicts.err());
        Run noInterlacing = run("power", grid.toString(), "--interlace", "--out", dir.resolve("c.csv").toString());
        assertEquals(2, noInterlacing.code());
        assertTrue(noInterlacing.err().contains("without interlacing"), noInterlacing.err());
    }

    @Test
    void mismatchedBoxesAreOneLineNamingBothFiles() {
        Path other = dir.resolve("big_box.hdf5");
        SnapshotWriter.write(other, Catalogues.uniform(1000, 2 * BOX, 8L), new SnapshotMeta(0.5, 0.31, 0.69, 0.68, "{}"),
                WriteOptions.defaults());
        Path out = dir.resolve("bad.csv");
        Run r = run("power", snap.toString(), "--cross", other.toString(), "--grid", String.valueOf(N), "--out", out.toString());
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("loupe: error: "), r.err());
        assertTrue(r.err().contains(snap.toString()) && r.err().contains(other.toString()), r.err());
        assertTrue(r.err().contains("32") && r.err().contains("64"), r.err());
        assertFalse(Files.exists(out), "nothing written");

        Path g1 = dir.resolve("a.h5");
        Path g2 = dir.resolve("b.h5");
        assertEquals(0, run("paint", snap.toString(), "--grid", "8", "--out", g1.toString()).code());
        assertEquals(0, run("paint", snap.toString(), "--grid", "16", "--out", g2.toString()).code());
        Run sizes = run("power", g1.toString(), "--cross", g2.toString(), "--out", out.toString());
        assertEquals(4, sizes.code(), sizes.err());
        assertTrue(sizes.err().contains("a.h5") && sizes.err().contains("b.h5"), sizes.err());
    }

    @Test
    void interlacedPaintMatchesInterlacedPower() {
        Path grid = dir.resolve("rho_il.h5");
        Run paint = run("paint", snap.toString(), "--grid", String.valueOf(N), "--window", "cic", "--interlace",
                "--out", grid.toString());
        assertEquals(0, paint.code(), paint.err());
        assertTrue(paint.out().contains("interlaced"), paint.out());
        Grid g = GridFile.read(grid);
        assertTrue(g.info().interlaced());
        assertEquals(Window.CIC, g.info().window());
        double mean = 0;
        for (float v : g.values()) {
            mean += v;
        }
        assertEquals(0.0, mean / g.values().length, 1e-6, "<delta> = 0 survives interlacing");

        PowerResult fromGrid = PowerResult.readCsv(power("gi.csv", "power", grid.toString()));
        PowerResult fromSnap = PowerResult.readCsv(power("si.csv", "power", snap.toString(), "--grid", String.valueOf(N),
                "--interlace"));
        assertTrue(fromGrid.meta().interlaced());
        assertArrayEquals(fromSnap.nmodes(), fromGrid.nmodes());
        double kNyq = Math.PI * N / BOX;
        for (int b = 0; b < fromSnap.size(); b++) {
            double rel = Math.abs(fromGrid.pk()[b] / fromSnap.pk()[b] - 1);
            // Below k_Nyq only the float32 round trip of the real-space grid differs (~1e-9 here).
            // Above it, modes with a Nyquist component on the n_z = 0, N/2 planes lose the
            // non-Hermitian part of the interlacing phase in a real grid (FourierDensity.toGrid).
            if (fromSnap.k()[b] < kNyq) {
                assertTrue(rel < 1e-6, "bin " + b + " k = " + fromSnap.k()[b] + ": off by " + rel);
            }
        }
        Run lattice = run("paint", snap.toString(), "--field", "velocity", "--interlace", "--out", grid.toString());
        assertEquals(2, lattice.code());
    }
}
