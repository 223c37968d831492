package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/** One box upscaled by K tasks (`--parts K --part I`) is the one-task box, split into a K-file snapshot. */
@Slow
class UpscalePartsTest {

    @TempDir
    Path dir;

    @Test
    void theMembersOfASplitRunTogetherAreTheSingleRunBitForBit() throws Exception {
        Path lr = Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("lr16.hdf5"));
        Path single = dir.resolve("single.hdf5");
        // The one-task run streams its particles a tile row's HR plane at a time (as a huge box does).
        assertEquals(0, Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", single.toString(),
                "--crop", "4", "--seed", "3").code());
        Path set = dir.resolve("parts/sr");
        for (int part = 2; part >= 0; part--) {   // any order: each task writes only its member
            var r = Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", set.toString(), "--crop", "4",
                    "--seed", "3", "--parts", "3", "--part", String.valueOf(part));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.exists(dir.resolve("parts/sr." + part + ".hdf5")));
        }
        Snapshot whole = SnapshotReader.open(single);
        Snapshot members = SnapshotReader.open(dir.resolve("parts/sr.0.hdf5"));
        assertEquals(3, members.header().files().size(), "the reader finds all members from member 0");
        assertEquals(64L * 64 * 64, members.header().count(1));
        Particles a = whole.readParticles(1);
        Particles b = members.readParticles(1);
        assertArrayEquals(a.ids(), b.ids());
        assertArrayEquals(a.positionsMpcH(), b.positionsMpcH());
        assertArrayEquals(a.velocitiesKmS(), b.velocitiesKmS());
        var info = Cli.run("info", dir.resolve("parts/sr.1.hdf5").toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("262144"), info.out());
    }

    @Test
    void partsHoldingOnlyTheirLrPlanesStillMakeTheSingleRunBitForBit() throws Exception {
        // 32^3 LR in crops of 4: 8 tile columns, 2 per part; each part holds 2 x 4 + 2 x (2 + 2) = 16 of the
        // 32 LR planes (the first part's margin wraps to planes 28-31), so every part reads a slab.
        Path lr = Files.copy(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"), dir.resolve("lr32.hdf5"));
        Path single = dir.resolve("single.hdf5");
        assertEquals(0, Cli.run("upscale", "--model", "sr-x2", "--input", lr.toString(), "--out", single.toString(),
                "--crop", "4").code());
        Path set = dir.resolve("parts/sr");
        for (int part = 0; part < 4; part++) {
            var r = Cli.run("upscale", "--model", "sr-x2", "--input", lr.toString(), "--out", set.toString(), "--crop", "4",
                    "--parts", "4", "--part", String.valueOf(part));
            assertEquals(0, r.code(), r.err());
        }
        Particles a = SnapshotReader.open(single).readParticles(1);
        Particles b = SnapshotReader.open(dir.resolve("parts/sr.0.hdf5")).readParticles(1);
        assertArrayEquals(a.ids(), b.ids());
        assertArrayEquals(a.positionsMpcH(), b.positionsMpcH());
        assertArrayEquals(a.velocitiesKmS(), b.velocitiesKmS());
    }

    @Test
    void aSplitThatCannotBeMadeIsRefusedBeforeAnyWork() throws Exception {
        Path lr = Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("lr16.hdf5"));
        Path out = dir.resolve("sr");
        Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", out.toString(), "--parts", "2", "--part", "2")
                .userError(2, "--part 2", "0..1");
        Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", out.toString(), "--crop", "16",
                "--parts", "2", "--part", "0").userError(2, "--parts 2", "tile columns");
        assertFalse(Files.exists(dir.resolve("sr.0.hdf5")));
    }
}
