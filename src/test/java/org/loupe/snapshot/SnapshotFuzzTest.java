package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/**
 * Seeded mutations of a real GADGET-4 snapshot (16³): byte flips, truncations, header attribute
 * values and dataset shapes changed. Each mutant must be read correctly (exit 0) or refused with
 * exit 3 and one line naming the file: no hang, no stack trace, no internal error, no output left.
 */
@Slow
class SnapshotFuzzTest {

    private static final long SEED = 20261204L;

    @TempDir
    Path dir;

    private record Mutant(String what, byte[] bytes) {
    }

    @Test
    void everyMutantIsReadOrRefusedInOneLine() throws Exception {
        byte[] original = Files.readAllBytes(SharedData.path("gadget4/A_N016/snapshot_004.hdf5"));
        List<Mutant> mutants = mutants(original, new Random(SEED));
        assertTrue(mutants.size() >= 200, "mutants: " + mutants.size());
        int read = 0;
        for (int m = 0; m < mutants.size(); m++) {
            Mutant mutant = mutants.get(m);
            Path d = Files.createDirectories(dir.resolve("m" + m));
            Path file = Files.write(d.resolve("mutant.hdf5"), mutant.bytes());
            Path out = d.resolve("grid.h5");
            Cli.Run[] runs = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new Cli.Run[] {
                Cli.run("info", file.toString(), "--json"),
                Cli.run("paint", file.toString(), "--grid", "8", "--out", out.toString(), "--threads", "1")},
                    () -> mutant.what() + " hangs");
            for (Cli.Run r : runs) {
                assertTrue(r.code() == 0 || r.code() == 3, mutant.what() + ": exit " + r.code() + ": " + r.err());
                if (r.code() == 3) {
                    String line = r.userError(3);
                    assertTrue(line.contains("mutant.hdf5"), mutant.what() + ": the file is named: " + line);
                }
            }
            if (runs[1].code() != 0) {
                try (Stream<Path> s = Files.list(d)) {
                    assertEquals(List.of(file), s.toList(), mutant.what() + ": nothing written on failure");
                }
            } else {
                read++;
            }
        }
        System.out.printf("fuzz: %d mutants, %d painted, %d refused with exit 3%n", mutants.size(), read, mutants.size() - read);
        assertTrue(read > 0 && read < mutants.size(), "some mutants are harmless, some are refused: " + read);
    }

    private static List<Mutant> mutants(byte[] original, Random rng) {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] b = original.clone();
            int flips = 1 + rng.nextInt(8);
            int at = rng.nextInt(i < 40 ? Math.min(4096, b.length) : b.length);
            for (int k = 0; k < flips && at + k < b.length; k++) {
                b[at + k] ^= (byte) (1 + rng.nextInt(255));
            }
            out.add(new Mutant("flip " + flips + " bytes at " + at, b));
        }
        for (int i = 0; i < 40; i++) {
            int len = i < 20 ? rng.nextInt(4096) : rng.nextInt(original.length);
            out.add(new Mutant("truncated to " + len, Arrays.copyOf(original, len)));
        }
        double[] doubles = {64.0, 0.31, 0.69, 0.68};
        double[] bad = {Double.NaN, -1, 0, 1e300, Double.POSITIVE_INFINITY, 1e-300};
        for (int i = 0; i < 48; i++) {
            double from = doubles[i % doubles.length];
            double to = bad[i % bad.length];
            List<Integer> at = find(original, le(from));
            if (!at.isEmpty()) {
                byte[] b = original.clone();
                int pos = at.get(rng.nextInt(at.size()));
                System.arraycopy(le(to), 0, b, pos, 8);
                out.add(new Mutant("attribute " + from + " -> " + to + " at " + pos, b));
            }
        }
        long[] counts = {0, 1, 4095, 4097, 8192, 1L << 27, 1L << 40, -1};
        List<Integer> n = find(original, le(4096L));
        for (int i = 0; i < 48; i++) {
            byte[] b = original.clone();
            int pos = n.get(rng.nextInt(n.size()));
            long to = counts[i % counts.length];
            System.arraycopy(le(to), 0, b, pos, 8);
            out.add(new Mutant("count/shape 4096 -> " + to + " at " + pos, b));
        }
        List<Integer> cols = find(original, concat(le(4096L), le(3L)));
        for (int i = 0; i < 8; i++) {
            byte[] b = original.clone();
            int pos = cols.get(rng.nextInt(cols.size())) + 8;
            System.arraycopy(le(i % 2 == 0 ? 2L : 4L), 0, b, pos, 8);
            out.add(new Mutant("shape columns 3 -> " + (i % 2 == 0 ? 2 : 4) + " at " + pos, b));
        }
        return out;
    }

    private static byte[] le(double v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static List<Integer> find(byte[] hay, byte[] needle) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                at.add(i);
            }
        }
        return at;
    }
}
