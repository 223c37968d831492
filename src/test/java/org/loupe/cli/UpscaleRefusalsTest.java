package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.loupe.cosmology.Cosmology;
import org.loupe.run.DataManifest;
import org.loupe.run.Sha256;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** What `loupe upscale` refuses before any work, each with its exit code and one line. */
class UpscaleRefusalsTest {

    @TempDir
    Path dir;

    Path lr32;
    Path lr16;

    @BeforeEach
    void copyInputs() throws Exception {
        lr32 = Files.copy(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"), dir.resolve("lr32.hdf5"));
        lr16 = Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("lr16.hdf5"));
    }

    @Test
    void neverWritesOverItsInputNotEvenThroughALinkOrDotDot() throws Exception {
        String sha = Sha256.of(lr32);
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.hdf5"), lr32);
        for (String out : List.of(lr32.toString(), link.toString(), dir.resolve("sub/../lr32.hdf5").toString())) {
            Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--out", out)
                    .userError(2, "never writes over an input");
        }
        Cli.run("upscale", "--model", "sr-x2", "--input", link.toString(), "--out", lr32.toString())
                .userError(2, "never writes over an input");
        assertEquals(sha, Sha256.of(lr32), "the input is untouched");
        assertEquals(List.of(), temps(), "nothing written");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--crop, 0", "--memory-mb, 1", "--batch, 0", "--threads, 0", "--threads, -2", "--batch, x"})
    void unusableOptionValuesStopAtOnce(String option, String value) {
        Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--out", dir.resolve("o.hdf5").toString(), option, value)
                .userError(2, option);
        assertFalse(Files.exists(dir.resolve("o.hdf5")));
    }

    @Test
    void threadsAreCheckedForEveryCommand() {
        Cli.run("info", lr32.toString(), "--threads", "0").userError(2, "--threads", "at least 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"paint --grid 0", "power --grid -4", "validate --grid 0", "validate --tile-cells 0", "demo --threads 0",
        "bench --repeats 0"})
    void sizeAndCountOptionsBelowOneStopAtOnce(String args) {
        String[] a = args.split(" ");
        java.util.List<String> full = new java.util.ArrayList<>(List.of(a[0]));
        switch (a[0]) {
            case "paint", "power" -> full.addAll(List.of(lr32.toString(), "--out", dir.resolve("o").toString()));
            case "validate" -> full.addAll(List.of("--lr", lr32.toString(), "--sr", lr32.toString(), "--out", dir.resolve("o").toString()));
            default -> { }
        }
        full.addAll(List.of(a[1], a[2]));
        Cli.run(full.toArray(String[]::new)).userError(2, a[1], "at least 1");
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void anOutputThatIsAFolderOrUnderAFileIsRefusedBeforeComputing() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("existing"));
        Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--out", folder.toString())
                .userError(3, "existing folder");
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--out", file.resolve("sr.hdf5").toString())
                .userError(3, "is a file, not a folder");
        Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--input", lr16.toString(), "--out", file.toString())
                .userError(3, "not a folder");
    }

    @Test
    void inputAndManifestTogetherAreAnError() throws Exception {
        Path m = manifest();
        Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--manifest", m.toString(), "--index", "0",
                "--out", dir.resolve("o.hdf5").toString()).userError(2, "--input and --manifest");
    }

    @Test
    void aManifestRowWithAnHdf5OutIsWrittenToThatFile() throws Exception {
        Path m = manifest();
        Path out = dir.resolve("x.hdf5");
        // A run killed while writing x.hdf5 left its temp file; this run removes it.
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Files.writeString(dir.resolve(".x.hdf5." + dead.pid() + ".tmp"), "half a snapshot");
        Cli.Run r = Cli.run("upscale", "--model", "sr-x2", "--manifest", m.toString(), "--split", "test", "--index", "0",
                "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out), "a file, not a folder");
        assertFalse(Files.exists(stale), "the killed run's temp file is gone");
        assertEquals(List.of(), temps());
    }

    @Test
    void anInputOutsideTheModelsDomainIsRefusedUnlessAllowed() throws Exception {
        Path out = dir.resolve("sr16.hdf5");
        Cli.run("upscale", "--model", "sr-x2", "--input", lr16.toString(), "--out", out.toString())
                .userError(4, "lr16.hdf5", "outside the training domain of sr-x2", "particle spacing 4", "--allow-domain-mismatch");
        assertFalse(Files.exists(out));
        Cli.Run r = Cli.run("upscale", "--model", "sr-x2", "--input", lr16.toString(), "--out", out.toString(),
                "--allow-domain-mismatch", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("loupe: warning: ") && r.err().contains("particle spacing"), r.err());
        assertTrue(Files.readString(out.resolveSibling("sr16.hdf5.manifest.json")).contains("domainMismatch"),
                "the mismatch is in the provenance");
    }

    @Test
    void aModelWithoutADomainIsUsedWithAWarning() throws Exception {
        Path old = dir.resolve("old.zip");
        org.loupe.model.ModelFile.read(org.loupe.model.ShippedModels.locate("sr-x2")).withDomain(null).write(old);
        Cli.Run r = Cli.run("upscale", "--model", old.toString(), "--input", lr32.toString(), "--out",
                dir.resolve("sr.hdf5").toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("loupe: warning: ") && r.err().contains("records no training domain"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"upscale -h", "paint --help", "manifest create -h", "train --help", "info -h"})
    void helpAfterAnySubcommandPrintsItsHelp(String args) {
        Cli.Run r = Cli.run(args.split(" "));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage: loupe " + args.split(" ")[0]), r.out());
    }

    private Path manifest() throws Exception {
        DataManifest.Entry e = new DataManifest.Entry("pair_000", "test", 1, 0.0,
                new DataManifest.Member("lr32.hdf5", Sha256.of(lr32), 32), new DataManifest.Member("hr.hdf5", "0", 64));
        Path m = dir.resolve("data-manifest.yaml");
        new DataManifest("t", 64.0, Cosmology.referenceRuns(), List.of(e)).write(m);
        return m;
    }

    private List<Path> temps() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
