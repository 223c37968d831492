package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/**
 * Issue #25, item 9 (and the FIFO input of the small items): an output that exists and is not a
 * regular file is refused by every command before any work, so the final rename never replaces a
 * device with a plain file. A character device made with mknod stands for /dev/null when the
 * test runs as root (as the report's repro did); a FIFO, which anyone may make, always.
 */
class DeviceOutputTest {

    @TempDir
    Path dir;

    private static boolean make(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void aFifoOrDeviceOutputIsRefusedAndLeftAsItIs() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertTrue(make("mkfifo", fifo.toString()), "mkfifo");
        Path device = dir.resolve("null");
        boolean haveDevice = make("mknod", device.toString(), "c", "1", "3");   // /dev/null's numbers; needs root
        Path lr = SharedData.path("gadget4/A_N016/snapshot_004.hdf5");
        for (Path out : haveDevice ? new Path[] {fifo, device} : new Path[] {fifo}) {
            String o = out.toString();
            Cli.run("paint", lr.toString(), "--grid", "8", "--out", o).userError(3, o, "not a regular file");
            Cli.run("power", lr.toString(), "--grid", "8", "--out", o).userError(3, o, "not a regular file");
            Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", o).userError(3, o, "not a regular file");
            assertFalse(Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS), "still not a plain file: " + out);
            assertFalse(Files.exists(Path.of(o + ".manifest.json")));
        }
        // An input that is a FIFO exists: it is named for what it is, not "no such file" (and never opened).
        Cli.run("info", fifo.toString()).userError(3, "fifo", "not a regular file");
        Cli.run("upscale", "--model", fifo.toString(), "--input", lr.toString(), "--out", dir.resolve("sr.hdf5").toString())
                .userError(3, "fifo", "not a regular file");
        try (var left = Files.list(dir)) {
            assertEquals(haveDevice ? 2 : 1, left.count(), "nothing else written");
        }
    }
}
