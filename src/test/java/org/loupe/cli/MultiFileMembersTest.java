package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/**
 * Issue #25, items 1 and 2: a multi-file set whose members are one file twice (a copy or a link),
 * or members of different runs, is refused by info, power and validate (exit 3, naming the odd
 * member) instead of being read as one box.
 */
@Slow
class MultiFileMembersTest {

    @TempDir
    Path dir;

    private Path lrA;

    @BeforeEach
    void lr() throws Exception {
        lrA = Files.copy(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"), dir.resolve("a.hdf5"));
    }

    private Path part(Path lr, String out, int part, String seed) {
        var r = Cli.run("upscale", "--model", "sr-x4", "--input", lr.toString(), "--out", dir.resolve(out).toString(),
                "--crop", "4", "--seed", seed, "--parts", "2", "--part", String.valueOf(part));
        assertEquals(0, r.code(), r.err());
        return dir.resolve(out + "." + part + ".hdf5");
    }

    private void refusedEverywhere(Path member0, String... parts) {
        Cli.run("info", member0.toString()).userError(3, parts);
        Cli.run("power", member0.toString(), "--grid", "16", "--out", dir.resolve("pk.csv").toString()).userError(3, parts);
        Cli.run("validate", "--lr", lrA.toString(), "--sr", member0.toString(), "--out", dir.resolve("rep").toString())
                .userError(3, parts);
    }

    @Test
    void aLinkedSecondMemberIsRefused() throws Exception {
        Path x0 = part(lrA, "x", 0, "1");
        Files.createSymbolicLink(dir.resolve("x.1.hdf5"), x0.getFileName());
        refusedEverywhere(x0, "x.1.hdf5", "same file as x.0.hdf5");
    }

    @Test
    void aCopiedMemberIsRefused() throws Exception {
        Path x0 = part(lrA, "x", 0, "1");
        Files.copy(x0, dir.resolve("x.1.hdf5"));
        refusedEverywhere(x0, "x.1.hdf5", "same particles");
    }

    @Test
    void aMemberOfAnotherUniverseOrSeedIsRefusedAndTheRightOneIsRead() throws Exception {
        Path x0 = part(lrA, "x", 0, "1");
        Path lrD = Files.copy(SharedData.path("gadget4/D_N016/snapshot_004.hdf5"), dir.resolve("d.hdf5"));
        Files.move(part(lrD, "d", 1, "1"), dir.resolve("x.1.hdf5"));
        refusedEverywhere(x0, "x.1.hdf5", "other inputs", "x.0.hdf5");
        Files.move(part(lrA, "s", 1, "2"), dir.resolve("x.1.hdf5"), StandardCopyOption.REPLACE_EXISTING);
        Cli.run("info", x0.toString()).userError(3, "x.1.hdf5", "seed 2");
        Files.move(part(lrA, "s", 1, "1"), dir.resolve("x.1.hdf5"), StandardCopyOption.REPLACE_EXISTING);
        var ok = Cli.run("info", x0.toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void aMemberRenamedToAnotherIndexIsRefused() throws Exception {
        Path y1 = part(lrA, "y", 1, "1");
        Path y0 = part(lrA, "y", 0, "1");
        Path tmp = dir.resolve("swap.hdf5");
        Files.move(y0, tmp);
        Files.move(y1, y0);
        Files.move(tmp, dir.resolve("y.1.hdf5"));
        Cli.run("info", y0.toString()).userError(3, "part 1");
    }
}
