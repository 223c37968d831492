package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.run.DataManifest;

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

        Files.delete(pairs.resolve("data-manifest.yaml"));
        assertEquals(0, run(out, err, "manifest", "create", pairs.toString(), "--test", "1"), err.toString());
        DataManifest m = DataManifest.read(pairs.resolve("data-manifest.yaml"));
        assertEquals(3, m.pairs().size());
        assertEquals(1, m.split("test").size());
        assertEquals("pair_002", m.split("test").get(0).id());
        assertEquals(0, run(out, err, "manifest", "verify", pairs.resolve("data-manifest.yaml").toString()), err.toString());

        Files.writeString(pairs.resolve("pair_001/hr_z0.000.hdf5"), "x", StandardOpenOption.APPEND);
        StringWriter err2 = new StringWriter();
        assertEquals(3, run(new StringWriter(), err2, "manifest", "verify", pairs.resolve("data-manifest.yaml").toString()));
        assertTrue(err2.toString().contains("pair_001") && err2.toString().contains("sha256"), err2.toString());
    }
}
