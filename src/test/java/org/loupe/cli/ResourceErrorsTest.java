package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.OutputException;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** Memory, disk space and damaged model files: one line each, with their own exit codes. */
class ResourceErrorsTest {

    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapIsOneLineWithWhatToChange() {
        // 1290^3 floats are 8.6 GB; the test JVM has a 2 GB heap.
        Path snap = SharedData.path("gadget4/A_N016/snapshot_004.hdf5");
        Path out = dir.resolve("big.h5");
        Cli.run("paint", snap.toString(), "--grid", "1290", "--out", out.toString())
                .userError(Main.OUT_OF_MEMORY, "out of memory in the Java heap", "lower --grid", "LOUPE_HEAP");
        assertFalse(Files.exists(out));
    }

    @Test
    void nativeOutOfMemoryIsRecognisedToo() {
        RuntimeException nd4j = new RuntimeException("Cannot allocate new DoubleBuffer: Physical bytes used 7 GB exceeds maxPhysicalBytes");
        assertTrue(OutOfMemory.is(new IllegalStateException("step failed", nd4j)));
        String advice = OutOfMemory.advice(nd4j, "upscale");
        assertTrue(advice.contains("native memory") && advice.contains("--memory-mb") && advice.contains("--crop"), advice);
        assertFalse(OutOfMemory.is(new RuntimeException("a bug")));
    }

    @Test
    void tooLittleDiskSpaceIsFoundBeforeWriting() {
        OutputException e = assertThrows(OutputException.class, () -> Outputs.checkFreeSpace(dir.resolve("sr.hdf5"), Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith(dir.resolve("sr.hdf5") + ": needs about") && e.getMessage().contains("MB free"),
                e.getMessage());
        assertEquals(3, e.exitCode());
        Outputs.checkFreeSpace(dir.resolve("sr.hdf5"), 1);
    }

    @Test
    void aDamagedModelIsNotSentToLoupeTrain() throws Exception {
        Path lr = SharedData.path("gadget4/A_N032/snapshot_004.hdf5");
        Path garbage = Files.write(dir.resolve("model.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Cli.run("upscale", "--model", garbage.toString(), "--input", lr.toString(), "--out", dir.resolve("a.hdf5").toString())
                .userError(3, "model.zip: the model file is damaged", "copy it again or retrain");
        Path other = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(other))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
        }
        Cli.run("upscale", "--model", other.toString(), "--input", lr.toString(), "--out", dir.resolve("b.hdf5").toString())
                .userError(3, "not a Loupe model", "loupe train");
        Path truncated = dir.resolve("truncated.zip");
        byte[] good = Files.readAllBytes(org.loupe.model.ShippedModels.locate("sr-x2"));
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        Cli.run("upscale", "--model", truncated.toString(), "--input", lr.toString(), "--out", dir.resolve("c.hdf5").toString())
                .userError(3, "truncated.zip: the model file is damaged");
    }
}
