package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.particles.Particles;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/**
 * Issue #25: seeded mutations of a 3-member snapshot set (each member carrying Loupe provenance,
 * as upscale --parts writes): a member duplicated (copied, hard-linked, sym-linked), missing, or
 * taken from another set (another universe, another seed, another member count, a link to one).
 * Every such set is refused by info and power with exit 3 and one line naming a member: no hang,
 * no stack trace, nothing written. Byte flips in a member are read or refused in one line.
 */
@Slow
class MultiFileFuzzTest {

    private static final long SEED = 20261206L;
    private static final String[] KINDS = {"copy", "hardlink", "symlink", "missing", "universe", "seed", "count", "foreign-link"};

    @TempDir
    Path dir;

    /** Writes {@code lr}'s particles as a {@code files}-member set {@code stem} with provenance naming {@code sha} and {@code seed}. */
    private Path set(String stem, String lr, String sha, long seed, int files) throws Exception {
        Snapshot s = SnapshotReader.open(SharedData.path(lr));
        Particles p = s.readParticles(1);
        var h = s.header();
        String prov = "{\"command\":\"upscale\",\"inputs\":[{\"path\":\"lr\",\"sha256\":\"" + sha + "\"}],\"seed\":" + seed
                + ",\"config\":{\"parts\":" + files + "}}";
        Path out = Files.createDirectories(dir.resolve("sets")).resolve(stem + ".hdf5");
        SnapshotWriter.write(out, p, new SnapshotMeta(h.redshift(), h.omegaM(), h.omegaLambda(), h.hubble(), prov),
                WriteOptions.defaults().withFiles(files));
        return dir.resolve("sets");
    }

    @Test
    void everyDuplicatedMissingOrForeignMemberIsRefusedInOneLine() throws Exception {
        Path sets = set("a", "gadget4/A_N016/snapshot_004.hdf5", "aaaa", 1, 3);
        set("b", "gadget4/D_N016/snapshot_004.hdf5", "bbbb", 1, 3);
        set("c", "gadget4/A_N016/snapshot_004.hdf5", "aaaa", 2, 3);
        set("d", "gadget4/A_N016/snapshot_004.hdf5", "aaaa", 1, 2);
        // The intact set is read.
        assertEquals(0, Cli.run("info", sets.resolve("a.0.hdf5").toString()).code());
        Random rng = new Random(SEED);
        int refused = 0;
        int mutants = 0;
        for (int round = 0; round < 25; round++) {
            for (String kind : KINDS) {
                Path m = Files.createDirectories(dir.resolve("m" + mutants));
                for (int i = 0; i < 3; i++) {
                    Files.copy(sets.resolve("a." + i + ".hdf5"), m.resolve("a." + i + ".hdf5"));
                }
                int j = rng.nextInt(3);
                int k = (j + 1 + rng.nextInt(2)) % 3;
                Path member = m.resolve("a." + j + ".hdf5");
                Files.delete(member);
                switch (kind) {
                    case "copy" -> Files.copy(m.resolve("a." + k + ".hdf5"), member);
                    case "hardlink" -> Files.createLink(member, m.resolve("a." + k + ".hdf5"));
                    case "symlink" -> Files.createSymbolicLink(member, Path.of("a." + k + ".hdf5"));
                    case "missing" -> { }
                    case "universe" -> Files.copy(sets.resolve("b." + j + ".hdf5"), member);
                    case "seed" -> Files.copy(sets.resolve("c." + j + ".hdf5"), member);
                    case "count" -> Files.copy(sets.resolve("d." + (j % 2) + ".hdf5"), member);
                    case "foreign-link" -> Files.createSymbolicLink(member, sets.resolve("b." + j + ".hdf5"));
                    default -> throw new IllegalStateException(kind);
                }
                String what = kind + " member " + j + (kind.equals("missing") ? "" : " (from " + k + ")");
                refused += check(m, what, true);
                mutants++;
            }
        }
        for (int f = 0; f < 40; f++) {
            Path m = Files.createDirectories(dir.resolve("m" + mutants));
            for (int i = 0; i < 3; i++) {
                Files.copy(sets.resolve("a." + i + ".hdf5"), m.resolve("a." + i + ".hdf5"));
            }
            int j = rng.nextInt(3);
            Path member = m.resolve("a." + j + ".hdf5");
            byte[] b = Files.readAllBytes(member);
            int at = rng.nextInt(f < 20 ? Math.min(4096, b.length) : b.length);
            b[at] ^= (byte) (1 + rng.nextInt(255));
            Files.write(member, b);
            refused += check(m, "flip byte " + at + " of member " + j, false);
            mutants++;
        }
        System.out.printf("multi-file fuzz: %d sets, %d refused with exit 3%n", mutants, refused);
        assertTrue(mutants >= 200, "mutants: " + mutants);
    }

    /** Runs info and power on set {@code m}; returns 1 when refused. {@code mustRefuse}: exit 0 is a failure. */
    private static int check(Path m, String what, boolean mustRefuse) throws Exception {
        Path first = m.resolve("a.0.hdf5");
        String input = Files.exists(first, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? first.toString() : m.resolve("a.1.hdf5").toString();
        Path out = m.resolve("pk.csv");
        Cli.Run[] runs = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new Cli.Run[] {
            Cli.run("info", input),
            Cli.run("power", input, "--grid", "8", "--out", out.toString(), "--threads", "1")}, () -> what + " hangs");
        for (Cli.Run r : runs) {
            if (mustRefuse) {
                String line = r.userError(3);
                assertTrue(line.contains("a.") && line.contains(".hdf5"), what + ": a member is named: " + line);
            } else {
                assertTrue(r.code() == 0 || r.code() == 3, what + ": exit " + r.code() + ": " + r.err());
                if (r.code() == 3) {
                    r.userError(3);
                }
            }
        }
        if (runs[1].code() != 0) {
            try (Stream<Path> s = Files.list(m)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("pk") || p.getFileName().toString().startsWith(".pk")),
                        what + ": nothing written on failure");
            }
            return 1;
        }
        return 0;
    }
}
