package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.run.DataManifest;
import org.loupe.testing.SharedData;

class ManifestCommandTest {

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void createVerifyAndCatchATamperedFile() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, """
                simulate:
                  boxMpcH: 32.0
                  lrParticlesPerSide: 8
                  hrParticlesPerSide: 16
                  zInit: 20.0
                  steps: 3
                  seed: 2
                  trainPairs: 2
                  testPairs: 1
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path pairs = dir.resolve("pairs");
        assertEquals(0, run(out, err, "simulate", "--config", cfg.toString(), "--out", pairs.toString()), err.toString());
        assertEquals(0, run(out, err, "manifest", "verify", pairs.resolve("data-manifest.yaml").toString()), err.toString());

        DataManifest bySimulate = DataManifest.read(pairs.resolve("data-manifest.yaml"));
        Files.delete(pairs.resolve("data-manifest.yaml"));
        // simulate writes sigma8, n_s, Omega_b and the seed into /Parameters: the files alone make the same manifest.
        assertEquals(0, run(out, err, "manifest", "create", pairs.toString(), "--test", "1"), err.toString());
        DataManifest m = DataManifest.read(pairs.resolve("data-manifest.yaml"));
        assertEquals(3, m.pairs().size());
        assertEquals(1, m.split("test").size());
        assertEquals("pair_002", m.split("test").get(0).id());
        assertEquals(bySimulate.cosmology(), m.cosmology());
        assertEquals(bySimulate.pairs().get(1).seed(), m.pairs().get(1).seed());
        assertEquals(0, run(out, err, "manifest", "verify", pairs.resolve("data-manifest.yaml").toString()), err.toString());

        Files.writeString(pairs.resolve("pair_001/hr_z0.000.hdf5"), "x", StandardOpenOption.APPEND);
        StringWriter err2 = new StringWriter();
        assertEquals(3, run(new StringWriter(), err2, "manifest", "verify", pairs.resolve("data-manifest.yaml").toString()));
        assertTrue(err2.toString().contains("pair_001") && err2.toString().contains("sha256"), err2.toString());
    }

    private static String g4(String run) {
        return SharedData.path("gadget4/" + run + "/snapshot_004.hdf5").toString();
    }

    @Test
    void namedGadget4PairsRecordWhatTheFilesHoldAndVerifyChecksTheWholeCosmology() throws Exception {
        Path file = dir.resolve("sub/mine.yaml");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "manifest", "create", "--pair", "A=" + g4("A_N016") + "," + g4("A_N032"),
                "--pair", "D=" + g4("D_N016") + "," + g4("D_N032") + ",test", "--out", file.toString()), err.toString());
        DataManifest m = DataManifest.read(file);
        assertEquals(List.of("A", "D"), m.pairs().stream().map(DataManifest.Entry::id).toList());
        assertEquals("train", m.pairs().get(0).split());
        assertEquals("test", m.pairs().get(1).split());
        assertEquals(0.81, m.cosmology().sigma8(), 1e-9);
        assertEquals(0.965, m.cosmology().ns(), 1e-9);
        assertEquals(0.049, m.cosmology().omegaB(), 1e-9);
        assertEquals(181170, m.pairs().get(0).seed());
        assertEquals(8675309, m.pairs().get(1).seed());
        assertEquals(0.0, m.pairs().get(0).redshift(), 0.0, "GADGET-4's z = 2.2e-16 is recorded as 0");
        assertEquals(32, m.pairs().get(0).hr().particlesPerSide());
        assertTrue(m.pairs().get(0).lr().path().startsWith(".."), "relative to the manifest's folder: " + m.pairs().get(0).lr().path());
        assertTrue(out.toString().contains("sigma8 0.81"), out.toString());
        assertEquals(0, run(out, err, "manifest", "verify", file.toString()), err.toString());

        // A manifest that misstates sigma8 or the seed is caught by verify.
        Files.writeString(file, Files.readString(file).replace("sigma8: 0.81", "sigma8: 0.8").replace("seed: 8675309", "seed: 0"));
        StringWriter err2 = new StringWriter();
        assertEquals(3, run(new StringWriter(), err2, "manifest", "verify", file.toString()));
        assertTrue(err2.toString().contains("sigma8 0.81 in the file, 0.8 in the manifest"), err2.toString());
        assertTrue(err2.toString().contains("Seed 8675309"), err2.toString());
    }

    @Test
    void filesThatDoNotRecordSigma8AskForItOnce() {
        Path lr = dir.resolve("lr.hdf5");
        Path hr = dir.resolve("hr.hdf5");
        org.loupe.snapshot.SnapshotMeta meta = new org.loupe.snapshot.SnapshotMeta(0, 0.31, 0.69, 0.68, "{}");
        org.loupe.snapshot.SnapshotWriter.write(lr, org.loupe.testing.Catalogues.displacedLattice(8, 32.0, 1.0), meta,
                org.loupe.snapshot.WriteOptions.defaults());
        org.loupe.snapshot.SnapshotWriter.write(hr, org.loupe.testing.Catalogues.displacedLattice(16, 32.0, 1.0), meta,
                org.loupe.snapshot.WriteOptions.defaults());
        StringWriter err = new StringWriter();
        String pair = "p=" + lr + "," + hr;
        assertEquals(2, run(new StringWriter(), err, "manifest", "create", "--pair", pair, "--out", dir.resolve("m.yaml").toString()));
        assertTrue(err.toString().contains("Sigma8, PrimordialIndex, OmegaBaryon") && err.toString().contains("give --sigma8 S --ns N --omega-b B"),
                err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(0, run(new StringWriter(), err2, "manifest", "create", "--pair", pair, "--out", dir.resolve("m.yaml").toString(),
                "--sigma8", "0.8", "--ns", "0.96", "--omega-b", "0.05"), err2.toString());
        assertEquals(0.8, DataManifest.read(dir.resolve("m.yaml")).cosmology().sigma8(), 0.0);
    }

    @Test
    void pairsOfTwoUniversesOrBadSyntaxAreOneLineErrors() {
        StringWriter err = new StringWriter();
        assertEquals(4, run(new StringWriter(), err, "manifest", "create", "--pair", "X=" + g4("A_N016") + "," + g4("D_N032"),
                "--out", dir.resolve("x.yaml").toString()));
        assertTrue(err.toString().contains("different initial conditions") && err.toString().contains("A_N016"), err.toString());
        for (String[] bad : new String[][] {{"--pair", "X=" + g4("A_N016"), "--out", "x.yaml"},
                                            {"--pair", "X=" + g4("A_N016") + "," + g4("A_N032") + ",holdout", "--out", "x.yaml"},
                                            {"--pair", "X=" + g4("A_N016") + "," + g4("A_N032")}}) {
            StringWriter e = new StringWriter();
            String[] args = new String[bad.length + 2];
            args[0] = "manifest";
            args[1] = "create";
            System.arraycopy(bad, 0, args, 2, bad.length);
            assertEquals(2, run(new StringWriter(), e, args), String.join(" ", bad));
            assertEquals(1, e.toString().strip().lines().count(), e.toString());
        }
    }

    @Test
    void unusableFoldersAndFilesAreExit3() throws Exception {
        org.loupe.testing.Cli.run("manifest", "create", dir.resolve("nonexistent").toString())
                .userError(3, "nonexistent", "not a folder");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        org.loupe.testing.Cli.run("manifest", "create", plain.toString()).userError(3, "plain.txt", "not a folder");
        Path h5 = dir.resolve("snap.hdf5");
        Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), h5);
        org.loupe.testing.Cli.run("manifest", "verify", h5.toString()).userError(3, "snap.hdf5", "not a YAML data manifest");
        Path cfg = Files.writeString(dir.resolve("t.yaml"), """
                data:
                  manifest: m.yaml
                train:
                  epochs: 1
                  stepsPerEpoch: 1
                  batch: 1
                  seed: 1
                """);
        Files.copy(h5, dir.resolve("m.yaml"));
        Path file = Files.writeString(dir.resolve("existing-file"), "x");
        org.loupe.testing.Cli.run("train", "--config", cfg.toString(), "--out", file.toString())
                .userError(3, "existing-file", "not a folder");
        org.loupe.testing.Cli.run("train", "--config", cfg.toString(), "--out", dir.resolve("run").toString())
                .userError(3, "m.yaml", "not a YAML data manifest");
    }

    @Test
    void pairsOfDifferentBoxesInOneFolderAreRefusedAtCreate() throws Exception {
        double[] boxes = {32.0, 64.0};
        for (int i = 0; i < 2; i++) {
            Path pd = Files.createDirectories(dir.resolve("mixed/pair_00" + i));
            for (String res : new String[] {"lr", "hr"}) {
                org.loupe.snapshot.SnapshotWriter.write(pd.resolve(res + "_z0.000.hdf5"),
                        org.loupe.testing.Catalogues.displacedLattice(res.equals("lr") ? 8 : 16, boxes[i], 1.0),
                        new org.loupe.snapshot.SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"), org.loupe.snapshot.WriteOptions.defaults());
            }
        }
        org.loupe.testing.Cli.run("manifest", "create", dir.resolve("mixed").toString(), "--sigma8", "0.8", "--ns", "0.96",
                "--omega-b", "0.049").userError(4, "pair_000", "pair_001", "one box size");
        assertTrue(!Files.exists(dir.resolve("mixed/data-manifest.yaml")));
    }
}
