package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.run.DataManifest;
import org.loupe.run.Sha256;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            name: tiny
            threads: 2
            simulate:
              boxMpcH: 32.0
              lrParticlesPerSide: 8
              hrParticlesPerSide: 16
              zInit: 20.0
              zOutputs: [1.0, 0.0]
              steps: 4
              seed: 5
              trainPairs: 1
              testPairs: 1
            """;

    private static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void writesPairsWithAManifestAndIsReproducible() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()), err.toString());
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("b").toString(), "--threads", "1"),
                err.toString());
        DataManifest a = DataManifest.read(dir.resolve("a/data-manifest.yaml"));
        DataManifest b = DataManifest.read(dir.resolve("b/data-manifest.yaml"));
        assertEquals(4, a.pairs().size(), "2 pairs x 2 redshifts");
        assertEquals(1, a.split("test").stream().map(DataManifest.Entry::id).distinct().count());
        for (int i = 0; i < a.pairs().size(); i++) {
            DataManifest.Entry e = a.pairs().get(i);
            assertEquals(e.lr().sha256(), b.pairs().get(i).lr().sha256(), "same seed, any thread count: identical LR file");
            assertEquals(e.hr().sha256(), b.pairs().get(i).hr().sha256(), "identical HR file");
            Path lr = dir.resolve("a").resolve(e.lr().path());
            assertEquals(e.lr().sha256(), Sha256.of(lr));
            Snapshot s = SnapshotReader.open(lr);
            assertEquals(e.redshift(), s.header().redshift(), 1e-9);
            assertEquals(8L * 8 * 8, s.header().count(1));
            assertEquals(16, e.hr().particlesPerSide());
        }
        assertTrue(Files.exists(dir.resolve("a/manifest.json")));
        assertTrue(Files.readString(dir.resolve("a/config.yaml")).contains("hrParticlesPerSide: 16"));
    }

    /** --only runs one resolution of every pair: the files equal those of the full run, and no data manifest is claimed. */
    @Test
    void onlyOneResolutionGivesTheSameFilesAsTheFullRun() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("full").toString()), err.toString());
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("hr").toString(), "--only", "hr"),
                err.toString());
        for (String f : new String[] {"pair_000/hr_z0.000.hdf5", "pair_001/hr_z1.000.hdf5"}) {
            assertEquals(Sha256.of(dir.resolve("full").resolve(f)), Sha256.of(dir.resolve("hr").resolve(f)), f);
        }
        assertTrue(!Files.exists(dir.resolve("hr/pair_000/lr_z0.000.hdf5")) && !Files.exists(dir.resolve("hr/data-manifest.yaml")));
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "simulate", "--config", cfg.toString(), "--out", dir.resolve("x").toString(), "--only", "mr"));
        assertTrue(bad.toString().contains("--only must be lr, hr or twins"), bad.toString());
    }

    /** --twins K: an HR twin per pair beside its HR run, the same as --only twins writes; another file than HR. */
    @Test
    void twinsAreWrittenBesideEveryPair() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("t").toString(), "--twins", "1"),
                err.toString());
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("o").toString(), "--only", "twins",
                "--twins", "1"), err.toString());
        String twin = "pair_000/hr_twin1_z0.000.hdf5";
        assertEquals(Sha256.of(dir.resolve("t").resolve(twin)), Sha256.of(dir.resolve("o").resolve(twin)));
        assertTrue(!Sha256.of(dir.resolve("t").resolve(twin)).equals(Sha256.of(dir.resolve("t/pair_000/hr_z0.000.hdf5"))));
        assertEquals(16L * 16 * 16, SnapshotReader.open(dir.resolve("t").resolve(twin)).header().count(1));
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "simulate", "--config", cfg.toString(), "--out", dir.resolve("y").toString(), "--only", "twins"));
        assertTrue(bad.toString().contains("--only twins needs --twins K"), bad.toString());
    }

    @Test
    void inconsistentResolutionsAreRejectedWithTheFix() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, CONFIG.replace("hrParticlesPerSide: 16", "hrParticlesPerSide: 12"));
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("must be a multiple of lrParticlesPerSide"), err.toString());
        assertTrue(err.toString().contains("bad.yaml"), err.toString());
    }

    @Test
    void pmFromAnInitialConditionSnapshot() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()), err.toString());
        // Use the z = 1 LR snapshot as "initial conditions" and integrate it to z = 0.
        Path ics = dir.resolve("a/pair_000/lr_z1.000.hdf5");
        Files.writeString(cfg, CONFIG.replace("zOutputs: [1.0, 0.0]", "zOutputs: [0.0]"));
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("c").toString()), err.toString());
        Snapshot s = SnapshotReader.open(dir.resolve("c/pm_z0.000.hdf5"));
        assertEquals(0.0, s.header().redshift(), 1e-12);
        assertEquals(512, s.header().count(1));
    }

    /** --twin-seed: a twin of given ICs is another box than the ICs' own run; the options go together. */
    @Test
    void aTwinOfGivenInitialConditions() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()), err.toString());
        Path ics = dir.resolve("a/pair_000/hr_z1.000.hdf5");
        Files.writeString(cfg, CONFIG.replace("zOutputs: [1.0, 0.0]", "zOutputs: [0.0]"));
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("own").toString()), err.toString());
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("twin").toString(), "--twin-seed", "5", "--twin-lr", "8"), err.toString());
        assertTrue(!Sha256.of(dir.resolve("own/pm_z0.000.hdf5")).equals(Sha256.of(dir.resolve("twin/pm_z0.000.hdf5"))));
        assertEquals(16L * 16 * 16, SnapshotReader.open(dir.resolve("twin/pm_z0.000.hdf5")).header().count(1));
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("x").toString(), "--twin-seed", "5"));
        assertTrue(bad.toString().contains("--twin-seed and --twin-lr go together"), bad.toString());
    }

    @Test
    void p3mFromInitialConditionsWritesItsOwnFileAndIsReproducible() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()), err.toString());
        Path ics = dir.resolve("a/pair_000/lr_z1.000.hdf5");
        String p3m = CONFIG.replace("zOutputs: [1.0, 0.0]", "zOutputs: [0.0]")
                .replace("  steps: 4\n", "  force: p3m\n  p3m:\n    maxStepLnA: 0.1\n    maxLevels: 2\n    meshCells: 32\n");
        Files.writeString(cfg, p3m);
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("c").toString()), err.toString());
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("d").toString(), "--threads", "1"), err.toString());
        Path c = dir.resolve("c/p3m_z0.000.hdf5");
        Snapshot s = SnapshotReader.open(c);
        var one = SnapshotReader.open(dir.resolve("d/p3m_z0.000.hdf5")).readParticles(1);
        assertArrayEquals(one.positionsMpcH(), s.readParticles(1).positionsMpcH(), "same bits on 1 and 2 threads");
        assertArrayEquals(one.velocitiesKmS(), s.readParticles(1).velocitiesKmS(), "same bits on 1 and 2 threads");
        assertEquals(0.0, s.header().redshift(), 1e-12);
        assertEquals(512, s.header().count(1));
        assertTrue(Files.readString(dir.resolve("c/config.yaml")).contains("timestepAccuracy"), "resolved P3M settings recorded");
    }

    @Test
    void p3mSettingsNeedTheP3mForceAndValidValues() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        StringWriter err = new StringWriter();
        Files.writeString(cfg, CONFIG.replace("  steps: 4\n", "  steps: 4\n  p3m:\n    softening: 0.05\n"));
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("need force: p3m"), err.toString());
        err = new StringWriter();
        Files.writeString(cfg, CONFIG.replace("  steps: 4\n", "  force: p3m\n  p3m:\n    cutSplits: 1.0\n    meshCells: 32\n"));
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("y").toString()));
        assertTrue(err.toString().contains("cutSplits must be 2 to 8"), err.toString());
        err = new StringWriter();
        Files.writeString(cfg, CONFIG.replace("  steps: 4\n", "  force: p3m\n  p3m:\n    splitCells: 8\n    cutSplits: 8\n"));
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("w").toString()));
        assertTrue(err.toString().contains("more than a third of the"), err.toString());
        err = new StringWriter();
        Files.writeString(cfg, CONFIG.replace("  steps: 4\n", "  force: tree\n"));
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("z").toString()));
        assertTrue(err.toString().contains("force must be pm or p3m"), err.toString());
    }

    @Test
    void neverWritesOverItsInitialConditionsOrConfig() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()), err.toString());
        Path ics = dir.resolve("a/pm_z0.000.hdf5");
        Files.copy(dir.resolve("a/pair_000/lr_z1.000.hdf5"), ics);
        byte[] before = Files.readAllBytes(ics);
        Files.writeString(cfg, CONFIG.replace("zOutputs: [1.0, 0.0]", "zOutputs: [0.0]"));
        err = new StringWriter();
        assertEquals(2, run(err, "simulate", "--config", cfg.toString(), "--ics", ics.toString(), "--out",
                dir.resolve("a").toString()));
        assertTrue(err.toString().contains("never writes over an input"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(ics), "the ICs are untouched");
        Path own = dir.resolve("a/config.yaml");
        err = new StringWriter();
        assertEquals(2, run(err, "simulate", "--config", own.toString(), "--out", dir.resolve("a").toString()));
        assertTrue(err.toString().contains("never writes over an input"), err.toString());
    }
}
