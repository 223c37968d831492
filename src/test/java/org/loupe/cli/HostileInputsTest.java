package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** Inputs a QA review found accepted silently (or crashing) by upscale and simulate. */
class HostileInputsTest {

    @TempDir
    Path dir;

    private static final String PM = """
            name: tiny
            simulate:
              boxMpcH: 64.0
              lrParticlesPerSide: 32
              hrParticlesPerSide: 32
              zInit: 49.0
              steps: 2
              seed: 1
              trainPairs: 1
            """;

    @Test
    void twoInputsThatWouldShareAnOutputNameAreRefusedBeforeAnyWork() throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(dir.resolve("y"));
        Path a = Files.copy(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"), dir.resolve("x/box.hdf5"));
        Path b = Files.copy(SharedData.path("gadget4/D_N032/snapshot_004.hdf5"), dir.resolve("y/box.hdf5"));
        Cli.run("upscale", "--model", "sr-x2", "--input", a.toString(), "--input", b.toString(), "--out",
                dir.resolve("sr").toString()).userError(2, "would both be written to");
        assertFalse(Files.exists(dir.resolve("sr/box_sr.hdf5")));
    }

    @Test
    void perParticleMassesGiveTheSrBoxItsMass() throws Exception {
        Snapshot g = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"));
        Particles p = g.readParticles(1);
        float[] masses = new float[p.count()];
        java.util.Arrays.fill(masses, (float) p.massPerParticle());
        Particles withMasses = new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), p.ids(), 0.0, masses);
        Path lr = dir.resolve("masses.hdf5");
        var h = g.header();
        SnapshotWriter.write(lr, withMasses, new SnapshotMeta(h.redshift(), h.omegaM(), h.omegaLambda(), h.hubble(), "{}"),
                WriteOptions.defaults());
        assertEquals(0.0, SnapshotReader.open(lr).header().mass(1), "MassTable is 0: the masses are per particle");
        Path sr = dir.resolve("sr.hdf5");
        var r = Cli.run("upscale", "--model", "sr-x2", "--input", lr.toString(), "--out", sr.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(p.massPerParticle() / 8, SnapshotReader.open(sr).header().mass(1), 1e-4 * p.massPerParticle());
    }

    @Test
    void simulateRefusesIcsAtTheOutputRedshiftAndAnOutputThatIsAFile() throws Exception {
        Path cfg = dir.resolve("pm.yaml");
        Files.writeString(cfg, PM);
        Path z0 = Files.copy(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"), dir.resolve("z0.hdf5"));
        Cli.run("simulate", "--config", cfg.toString(), "--ics", z0.toString(), "--out", dir.resolve("run").toString())
                .userError(2, "not above the first output");
        assertFalse(Files.exists(dir.resolve("run/config.yaml")), "nothing written");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Cli.run("simulate", "--config", cfg.toString(), "--out", file.toString()).userError(3, "afile");
    }

    @Test
    void simulateSettingsAreCheckedNotReplaced() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, PM + "  meshFactor: 0\n");
        Cli.run("simulate", "--config", cfg.toString(), "--out", dir.resolve("a").toString()).userError(2, "meshFactor must be 1 to 4");
        Files.writeString(cfg, PM + "  zOutputs: []\n");
        Cli.run("simulate", "--config", cfg.toString(), "--out", dir.resolve("b").toString()).userError(2, "zOutputs is empty");
        Files.writeString(cfg, PM + "  zOutputs: [0.0, 0.0]\n");
        Cli.run("simulate", "--config", cfg.toString(), "--out", dir.resolve("c").toString()).userError(2, "twice");
        assertTrue(!Files.exists(dir.resolve("a/config.yaml")) && !Files.exists(dir.resolve("c/config.yaml")));
    }

    @Test
    void aRunFolderOfAnotherCommandIsNotWrittenInto() throws Exception {
        Path cfg = dir.resolve("pm.yaml");
        Files.writeString(cfg, PM);
        Path run = Files.createDirectories(dir.resolve("trained"));
        String manifest = "{\"command\": \"train\", \"inputs\": []}";
        Files.writeString(run.resolve("manifest.json"), manifest);
        Cli.run("simulate", "--config", cfg.toString(), "--out", run.toString()).userError(2, "loupe train", "folder of its own");
        assertEquals(manifest, Files.readString(run.resolve("manifest.json")), "the train run's provenance is untouched");
        Path lr = SharedData.path("gadget4/A_N032/snapshot_004.hdf5");
        Cli.run("validate", "--lr", lr.toString(), "--sr", lr.toString(), "--hr", lr.toString(), "--out", run.toString())
                .userError(2, "loupe train");
    }

    @Test
    void aKRangeOutsideTheMeshIsASettingErrorNotAnEmptyTable() {
        Path lr = SharedData.path("gadget4/A_N032/snapshot_004.hdf5");
        Cli.run("power", lr.toString(), "--grid", "32", "--kmin", "100", "--out", dir.resolve("pk.csv").toString())
                .userError(2, "leave no bins");
        Cli.run("power", lr.toString(), "--grid", "32", "--kmax", "0.001", "--out", dir.resolve("pk.csv").toString())
                .userError(2, "leave no bins");
        assertFalse(Files.exists(dir.resolve("pk.csv")));
    }

    @Test
    void aThreadCountBeyondTheConfigsRangeIsRefusedOnTheCommandLineToo() {
        Cli.run("info", SharedData.path("gadget4/A_N016/snapshot_004.hdf5").toString(), "--threads", "99999")
                .userError(2, "--threads", "at most 4096");
    }
}
