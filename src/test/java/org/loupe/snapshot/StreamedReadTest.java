package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.testing.ExternalTools;
import org.loupe.testing.Python;
import org.loupe.testing.SharedData;

/** A snapshot read in blocks (any block size, across member files and chunks) is the snapshot read whole. */
class StreamedReadTest {

    @TempDir
    Path dir;

    @Test
    void blocksOfAContiguousFileAreTheWholeRead() {
        Snapshot snap = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"));
        assertSameAsWhole(snap, 1000);
        assertSameAsWhole(snap, 1 << 20);
    }

    @Test
    @ExternalTools
    void blocksAcrossMembersAndSmallGzipChunksAreTheWholeRead() {
        Python.requireH5py();
        Python.Result r = Python.script(getClass(), "split_chunked.py", dir,
                SharedData.path("gadget4/A_N032/snapshot_004.hdf5").toString(), dir.resolve("snap").toString());
        assertEquals(0, r.exitCode(), r.output());
        Snapshot snap = SnapshotReader.open(dir.resolve("snap.0.hdf5"));
        assertEquals(3, snap.header().files().size());
        assertSameAsWhole(snap, 1000);
        assertSameAsWhole(snap, 4096);
        assertSameAsWhole(snap, 1 << 20);
    }

    private static void assertSameAsWhole(Snapshot snap, int block) {
        Particles whole = snap.readParticles(1);
        List<Particles> blocks = new ArrayList<>();
        snap.stream(1, true).forEachBlock(block, p -> blocks.add(new Particles(p.box(), p.positionsMpcH().clone(),
                p.velocitiesKmS().clone(), p.ids().clone(), p.massPerParticle(), null)));
        int n = whole.count();
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        long[] ids = new long[n];
        int at = 0;
        for (Particles p : blocks) {
            assertEquals(Math.min(block, n - at), p.count(), "blocks are full but the last");
            System.arraycopy(p.positionsMpcH(), 0, pos, 3 * at, 3 * p.count());
            System.arraycopy(p.velocitiesKmS(), 0, vel, 3 * at, 3 * p.count());
            System.arraycopy(p.ids(), 0, ids, at, p.count());
            assertEquals(whole.massPerParticle(), p.massPerParticle());
            at += p.count();
        }
        assertEquals(n, at);
        assertArrayEquals(whole.positionsMpcH(), pos);
        assertArrayEquals(whole.velocitiesKmS(), vel);
        assertArrayEquals(whole.ids(), ids);
    }
}
