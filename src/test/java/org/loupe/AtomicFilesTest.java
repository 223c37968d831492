package org.loupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesUnderATempNameWithThePidAndRenames() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        Path[] seen = new Path[1];
        AtomicFiles.write(target, tmp -> {
            seen[0] = tmp;
            assertFalse(Files.exists(target), "the target appears only when complete");
            Files.writeString(tmp, "done");
        });
        assertEquals("done", Files.readString(target));
        assertEquals("." + "out.txt." + ProcessHandle.current().pid() + ".tmp", seen[0].getFileName().toString());
        assertEquals(List.of(target.getFileName()), listing(target.getParent()));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemp() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        LoupeException e = assertThrows(LoupeException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith(target + ": cannot write (No space left on device)"), e.getMessage());
        assertEquals(3, e.exitCode(), "a file problem, not a bug");
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target.getFileName()), listing(dir));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IllegalStateException("a bug");
        }));
        assertEquals(List.of(target.getFileName()), listing(dir), "also when the writer throws unchecked");
    }

    @Test
    void aWritersErrorNamesTheOutputNotItsTempFile() {
        Path target = dir.resolve("grid.h5");
        OutputException e = assertThrows(OutputException.class, () -> AtomicFiles.write(target, tmp -> {
            throw new OutputException(tmp + ": HDF5 failed to write grid; check free disk space and permissions");
        }));
        assertTrue(e.getMessage().startsWith(target + ": HDF5 failed"), e.getMessage());
    }

    @Test
    void severalFilesAppearTogetherOrNotAtAll() throws IOException {
        List<Path> targets = List.of(dir.resolve("s.0.hdf5"), dir.resolve("s.1.hdf5"));
        assertThrows(LoupeException.class, () -> AtomicFiles.writeAll(targets, temps -> {
            Files.writeString(temps.get(0), "first");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), listing(dir));
        AtomicFiles.writeAll(targets, temps -> {
            Files.writeString(temps.get(0), "a");
            Files.writeString(temps.get(1), "b");
        });
        assertEquals("b", Files.readString(targets.get(1)));
        assertEquals(2, listing(dir).size());
    }

    @Test
    void aTempLeftByAKilledRunIsRemovedOnTheNextWriteButNotOneOfALiveProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = Files.writeString(dir.resolve(".out.txt." + p.pid() + ".tmp"), "killed");
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path running = Files.writeString(dir.resolve(".out.txt." + live + ".tmp"), "running");
        Path other = Files.writeString(dir.resolve(".other.txt." + p.pid() + ".tmp"), "another output");
        AtomicFiles.writeString(dir.resolve("out.txt"), "new");
        assertFalse(Files.exists(stale), "stale temp of the same output removed");
        assertTrue(Files.exists(running), "a live writer's temp is kept");
        assertTrue(Files.exists(other), "another output's temp is not touched");
    }

    private static List<Path> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }
}
