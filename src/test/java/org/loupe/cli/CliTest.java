package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;
import org.loupe.snapshot.GridFile;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;

/** The CLI end to end on a tiny snapshot written in the test. */
class CliTest {

    @TempDir
    Path dir;

    Path snap;
    Particles particles;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void writeSnapshot() {
        particles = Catalogues.displacedLattice(8, 32.0, 1.5);
        snap = dir.resolve("snap_000.hdf5");
        SnapshotWriter.write(snap, particles, new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void infoJsonHasTheDocumentedKeys() throws Exception {
        Run r = run("info", snap.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"format", "files", "numParticles", "boxSize", "redshift", "scaleFactor", "omegaM",
                                         "omegaLambda", "hubble", "particleMass", "lengthUnit", "velocityConvention", "latticeOffset"}) {
            assertTrue(j.has(key), "missing key " + key + " in " + r.out());
        }
        assertEquals(32.0, j.get("boxSize").asDouble(), 1e-6);
        assertEquals("kpc/h", j.get("lengthUnit").asText());
        assertEquals(512, j.get("numParticles").get(1).asLong());
        assertEquals(0.0, j.get("latticeOffset").get("offsetCells").asDouble());
        assertEquals(8, j.get("latticeOffset").get("sitesPerSide").asInt());
    }

    @Test
    void infoTextNamesFormatAndUnits() {
        Run r = run("info", snap.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("GADGET4"), r.out());
        assertTrue(r.out().contains("kpc/h"), r.out());
    }

    @Test
    void paintDensityWritesAGridWithMetadataAndManifest() throws Exception {
        Path out = dir.resolve("rho.h5");
        Run r = run("paint", snap.toString(), "--grid", "16", "--window", "tsc", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        Grid g = GridFile.read(out);
        assertEquals(16, g.size());
        assertEquals(GridKind.DENSITY_CONTRAST, g.info().kind());
        assertEquals(Window.TSC, g.info().window());
        assertEquals(512, g.info().particleCount());
        assertEquals(64, g.info().sources().get(0).sha256().length());
        double mean = 0;
        for (float v : g.values()) {
            mean += v;
        }
        assertEquals(0.0, mean / g.values().length, 1e-5, "mass is conserved, so <delta> = 0");
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("rho.h5.manifest.json")));
        assertEquals("paint", manifest.get("command").asText());
        assertEquals(g.info().sources().get(0).sha256(), manifest.get("inputs").get(0).get("sha256").asText());
        assertTrue(manifest.has("gitCommit") && manifest.has("backend") && manifest.has("host"));
        assertTrue(GridFile.provenance(out).contains("\"command\""));
    }

    @Test
    void paintDisplacementLivesOnTheLattice() {
        Path out = dir.resolve("psi.h5");
        Run r = run("paint", snap.toString(), "--field", "displacement", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Grid g = GridFile.read(out);
        assertEquals(3, g.channels());
        assertEquals(8, g.size());
        double max = 0;
        for (float v : g.values()) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(1.5, max, 0.05);
        Run wrong = run("paint", snap.toString(), "--field", "displacement", "--grid", "16", "--out", out.toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("differs from the particle lattice"), wrong.err());
    }

    @Test
    void errorsAreOneLineWithoutStackTrace() {
        Run r = run("info", dir.resolve("nope.hdf5").toString());
        assertEquals(3, r.code());
        assertTrue(r.err().startsWith("loupe: error: "), r.err());
        assertTrue(r.err().contains("nope.hdf5"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        Run debug = run("info", dir.resolve("nope.hdf5").toString(), "--debug");
        assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
    }

    @Test
    void unknownConfigKeyIsNamedWithTheAllowedKeys() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "paint:\n  grid: 16\n  windw: cic\n");
        Run r = run("paint", snap.toString(), "--config", cfg.toString(), "--out", dir.resolve("x.h5").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'windw'"), r.err());
        assertTrue(r.err().contains("window"), "lists the allowed keys: " + r.err());
        assertTrue(r.err().contains("line 3"), r.err());
        assertFalse(Files.exists(dir.resolve("x.h5")), "nothing written on a config error");
    }

    @Test
    void theAdversarialSectionLoadsAndItsTyposAreNamed() throws Exception {
        Path cfg = dir.resolve("adv.yaml");
        Files.writeString(cfg, "train:\n  epochs: 4\n  stepsPerEpoch: 2\n  seed: 1\n  loss: [{mse: 1}, {density: 0.003}, {adversarial: 0.1}]\n"
                + "  adversarial:\n    pretrainEpochs: 2\n    clip: 0.05\n    lipschitz: spectral\n");
        var rc = org.loupe.run.ConfigLoader.load(cfg, org.loupe.run.RunConfig.class);
        assertEquals(0.003, rc.train().loss().weight("density"));
        assertEquals(0.1, rc.train().loss().weight("adversarial"));
        assertEquals(new org.loupe.model.AdversarialSpec(2, 8, 5e-5, 0.05, 1, "spectral", "wasserstein"), rc.train().adversarial());
        assertTrue(rc.train().adversarialEnabled());
        Path bad = dir.resolve("adv-bad.yaml");
        Files.writeString(bad, "train:\n  epochs: 4\n  stepsPerEpoch: 2\n  seed: 1\n  adversarial:\n    wieght: 0.1\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.loupe.ConfigException.class,
                () -> org.loupe.run.ConfigLoader.load(bad, org.loupe.run.RunConfig.class));
        assertTrue(e.getMessage().contains("unknown key 'wieght'") && e.getMessage().contains("pretrainEpochs"), e.getMessage());
        Path late = dir.resolve("adv-late.yaml");
        Files.writeString(late, "train:\n  epochs: 2\n  stepsPerEpoch: 2\n  seed: 1\n  loss: [{mse: 1}, {adversarial: 0.1}]\n"
                + "  adversarial:\n    pretrainEpochs: 2\n");
        var e2 = org.junit.jupiter.api.Assertions.assertThrows(org.loupe.ConfigException.class,
                () -> org.loupe.run.ConfigLoader.load(late, org.loupe.run.RunConfig.class));
        assertTrue(e2.getMessage().contains("pretrainEpochs"), e2.getMessage());
    }

    @Test
    void configSectionsApplyAndBadValuesAreExplained() throws Exception {
        Path cfg = dir.resolve("ok.yaml");
        Files.writeString(cfg, "threads: 1\npaint:\n  grid: 8\n  window: ngp\n");
        Path out = dir.resolve("ngp.h5");
        assertEquals(0, run("paint", snap.toString(), "--config", cfg.toString(), "--out", out.toString()).code());
        assertEquals(Window.NGP, GridFile.read(out).info().window());

        Files.writeString(cfg, "paint:\n  grid: 8\n  window: sinc\n");
        Run r = run("paint", snap.toString(), "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sinc"), r.err());
    }

    @Test
    void aParticleTypeOutsideZeroToFiveNamesTheConfigLine() throws Exception {
        Path cfg = dir.resolve("pt.yaml");
        for (String t : new String[] {"-1", "6", "1000000"}) {
            Files.writeString(cfg, "threads: 1\nsnapshot:\n  particleType: " + t + "\n");
            org.loupe.testing.Cli.run("info", snap.toString(), "--config", cfg.toString())
                    .userError(2, "pt.yaml line 3", "snapshot.particleType", "0 to 5", t);
            org.loupe.testing.Cli.run("power", snap.toString(), "--grid", "8", "--config", cfg.toString(), "--out",
                    dir.resolve("pk.csv").toString()).userError(2, "pt.yaml line 3", "snapshot.particleType");
        }
    }
}
