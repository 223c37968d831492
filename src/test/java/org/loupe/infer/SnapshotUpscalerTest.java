package org.loupe.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.MemoryException;
import org.loupe.model.ModelFile;
import org.loupe.model.ShippedModels;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.SharedData;

/** The plan of an upscale: tiling and part from the header, and the heap it needs, before any work. */
class SnapshotUpscalerTest {

    private static final ModelFile SR_X4 = ModelFile.read(ShippedModels.locate("sr-x4"));

    private static SnapshotUpscaler.Settings settings(Integer crop, int parts, int part) {
        return new SnapshotUpscaler.Settings(crop, 1024L << 20, 2, 0, parts, part, 1, Double.NaN);
    }

    @Test
    void aPartCoversItsTileColumns() {
        SnapshotHeader h = SnapshotReader.open(SharedData.path("gadget4/A_N016/snapshot_004.hdf5")).header();
        SnapshotUpscaler.Plan plan = SnapshotUpscaler.plan(SR_X4, h, settings(4, 3, 1), Long.MAX_VALUE);
        assertEquals(64, plan.hrSide());
        assertEquals(1, plan.columnFrom());
        assertEquals(2, plan.columnTo());
        assertEquals(16, plan.tiles());
        assertEquals(16L * 64 * 64, plan.particles());
        assertEquals(List.of(16, 32), plan.settings().get("hrXPlanes"));
        // It holds its column's 4 LR planes and a margin of halo + 2 = 4 planes each side, from plane 4 - 4.
        assertEquals(12, plan.lrPlanes());
        assertEquals(0, plan.lrPlaneFrom());
        SnapshotUpscaler.Plan first = SnapshotUpscaler.plan(SR_X4, h, settings(4, 4, 0), Long.MAX_VALUE);
        assertEquals(12, first.lrPlaneFrom(), "the margin below plane 0 wraps to the far side");
        SnapshotUpscaler.Plan whole = SnapshotUpscaler.plan(SR_X4, h, settings(4, 1, 0), Long.MAX_VALUE);
        assertEquals(16, whole.lrPlanes());
        assertEquals(0, whole.lrPlaneFrom());
    }

    @Test
    void theHeapGrowsWithTheLrBoxAndARunThatCannotFitIsRefusedBeforeWork() {
        long small = SnapshotUpscaler.heapBytes(64, 64, 2, 32, 3, 3, 0, 2);
        long big = SnapshotUpscaler.heapBytes(256, 256, 2, 32, 3, 3, 0, 2);
        // 24 B per LR site for the fields, plus the tile rows (∝ N) and fixed costs.
        assertTrue(big - small > 24L * (256L * 256 * 256 - 64L * 64 * 64), big + " vs " + small);
        // A part holding 72 of the 256 planes (2 tile columns of 32 and the margins) holds 24 B per site it keeps.
        long part = SnapshotUpscaler.heapBytes(256, 72, 2, 32, 3, 3, 0, 2);
        assertEquals(24L * 184 * 256 * 256, big - part, "24 B per LR site not held");
        SnapshotHeader h = SnapshotReader.open(SharedData.path("gadget4/A_N016/snapshot_004.hdf5")).header();
        MemoryException e = assertThrows(MemoryException.class,
                () -> SnapshotUpscaler.plan(SR_X4, h, settings(null, 1, 0), 1 << 20));
        assertEquals(7, e.exitCode());
        assertTrue(e.getMessage().contains("LOUPE_HEAP") && e.getMessage().contains("snapshot_004.hdf5"), e.getMessage());
    }
}
