package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/**
 * Issue #25, item 12: a run stopped by SIGINT or SIGTERM removes its unfinished output and the
 * folders it made, says so in one line and exits 130 / 143; a kill -9 leaves a shipped model's
 * copy that the next run removes; a run that fails early leaves no empty run folder.
 */
@Slow
class StopSignalTest {

    @TempDir
    Path dir;

    /** Starts `loupe upscale` in its own JVM, waits until it writes its output, sends {@code signal}. */
    private void stopMidWrite(String signal, int expectedExit, Path out, Path tmp) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "upscale",
                "--model", "sr-x4", "--input", SharedData.path("gadget4/A_N032/snapshot_004.hdf5").toString(), "--out", out.toString(),
                "--allow-domain-mismatch", "--threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(signal + ".log").toFile()).start();
        Path partial = out.toAbsolutePath().resolveSibling("." + out.getFileName() + "." + p.pid() + ".tmp");
        while (!Files.exists(partial) && p.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still writing when signalled: " + Files.readString(dir.resolve(signal + ".log")));
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor());
        int code = p.waitFor();
        String log = Files.readString(dir.resolve(signal + ".log"));
        assertEquals(expectedExit, code, log);
        assertFalse(Files.exists(partial), "unfinished output removed");
        assertFalse(Files.exists(out));
        assertEquals(1, log.lines().filter(l -> l.startsWith("loupe: stopped before the end: removed 1 unfinished file(s)")).count(), log);
    }

    @Test
    void sigintRemovesTheUnfinishedOutputAndAStaleModelCopyGoes() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(tmp.resolve("loupe-sr-x4-" + gone.pid() + "-42.zip"), "left by kill -9");
        stopMidWrite("INT", 130, dir.resolve("sr.hdf5"), tmp);
        assertFalse(Files.exists(stale), "the next run removes a copy whose process is gone");
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the run's own model copy is removed on exit too");
        }
    }

    @Test
    void sigtermAlsoRemovesTheFolderTheRunMade() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        stopMidWrite("TERM", 143, dir.resolve("made/by/run/sr.hdf5"), tmp);
        assertFalse(Files.exists(dir.resolve("made")), "folders the run created are removed");
    }

    @Test
    void anEarlyFailureLeavesNoEmptyRunFolder() throws Exception {
        Path cfg = Files.writeString(dir.resolve("t.yaml"), "name: t\ndata:\n  manifest: " + dir.resolve("missing.yaml") + "\n");
        Path run = dir.resolve("runs/t");
        var r = Cli.run("train", "--config", cfg.toString(), "--out", run.toString());
        assertTrue(r.code() == 2 || r.code() == 3, r.err());
        assertFalse(Files.exists(run), "no empty run folder: " + r.err());
        assertFalse(Files.exists(dir.resolve("runs")));
    }
}
