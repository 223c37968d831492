package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;

/** The heap bin/loupe starts a run with, from the run's own plan. */
class HeapPlanTest {

    @TempDir
    Path dir;

    private Path snapshot(String name, int side) {
        Path f = dir.resolve(name);
        SnapshotWriter.write(f, Catalogues.displacedLattice(side, 32.0, 1.0), new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"),
                WriteOptions.defaults());
        return f;
    }

    @Test
    void validateGetsItsPlanWithAMarginAndAFixedYoungGeneration() {
        Path lr = snapshot("lr.hdf5", 8);
        Path hr = snapshot("hr.hdf5", 16);
        String[] args = {"validate", "--lr", lr.toString(), "--sr", hr.toString(), "--hr", hr.toString(), "--grid", "512",
                         "--out", dir.resolve("r").toString()};
        String[] plan = HeapPlan.plan(args).split(" ");
        assertEquals(2, plan.length, "heap and young generation");
        assertEquals(HeapPlan.VALIDATE_YOUNG_MB, Long.parseLong(plan[1]));
        ValidateCommand c = new ValidateCommand();
        new picocli.CommandLine(c).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        long planned = c.plannedHeapBytes();
        assertTrue(planned > org.loupe.stats.PowerSpectrum.heapBytes(512, 2, true), "the plan holds the 512^3 meshes");
        assertEquals((long) Math.ceil(planned * HeapPlan.OLD_MARGIN / (1 << 20)) + HeapPlan.VALIDATE_YOUNG_MB,
                Long.parseLong(plan[0]));
    }

    @Test
    void powerGetsOneAndAHalfTimesItsPlanAndOtherCommandsNothing() {
        Path hr = snapshot("hr.hdf5", 16);
        String one = HeapPlan.plan(new String[] {"power", hr.toString(), "--grid", "256", "--out", dir.resolve("p.csv").toString()});
        assertTrue(one != null && one.matches("\\d+"), "one number: " + one);
        assertNull(HeapPlan.plan(new String[] {"info", hr.toString()}));
        assertNull(HeapPlan.plan(new String[] {"validate", "--no-such-option"}), "a bad command line: the run reports it");
    }

    @Test
    void theValidatePlanGrowsWithTheMeshAndLrNotWithTheBoxesItReadsInSlabs() {
        long work = 1L << 30;
        long lr = 256L * 256 * 256;
        long at512 = ValidateMemory.heapBytes(lr, 512L * 512 * 512, 512L * 512 * 512, 512, true, work);
        long at1024 = ValidateMemory.heapBytes(lr, 1024L * 1024 * 1024, 1024L * 1024 * 1024, 512, true, work);
        assertEquals(at512, at1024, "SR and HR are read in slabs: the 512^3 mesh sets the peak for both");
        assertTrue(ValidateMemory.heapBytes(8 * lr, 512L * 512 * 512, 512L * 512 * 512, 512, true, work) > at512,
                "the LR displacement field is held");
        assertTrue(ValidateMemory.heapBytes(lr, 512L * 512 * 512, 512L * 512 * 512, 1024, true, work) > 7 * at512 / 2,
                "a 1024^3 mesh costs 8 times the 512^3 one");
        assertTrue(at512 < 5L << 30, "a 512^3 report plans under 5 GB: " + at512);
    }

    @Test
    void aWorkingMemoryBelowTheThinnestSlabIsNoted() {
        long n = 1024L * 1024 * 1024;
        String note = ValidateMemory.thinnestSlabNote(n, 1L << 20);
        assertTrue(note != null && note.contains("--memory-mb 1 ") && note.contains("2048 slabs"), note);
        assertNull(ValidateMemory.thinnestSlabNote(n, 1L << 30), "1 GB: slabs of about 100 MB would do");
    }
}
