package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.model.ShippedModels;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;
import org.loupe.testing.Cli;
import org.loupe.testing.Slow;

/**
 * Issue #25, item 8 and its goal: seeded mutations of a shipped model zip (byte flips,
 * truncations, entries removed, emptied, oversized or taken from the other model). A mutant whose
 * entries differ from the original's is refused by upscale with exit 3 and one line naming it: no
 * hang, no stack trace, nothing written. Only a mutant whose entries are unchanged (a flip in the
 * zip's own bookkeeping) may run.
 */
@Slow
class ModelZipFuzzTest {

    private static final long SEED = 20261207L;
    private static final List<String> ENTRIES = List.of("configuration.json", "coefficients.bin", "loupe-model.json",
            "loupe-domain.json", "loupe-model.sha256");

    @TempDir
    Path dir;

    private record Mutant(String what, byte[] bytes) {
    }

    @Test
    void everyChangedModelZipIsRefusedInOneLine() throws Exception {
        Path x2 = ShippedModels.locate("sr-x2");
        Path x4 = ShippedModels.locate("sr-x4");
        byte[] original = Files.readAllBytes(x2);
        Map<String, byte[]> reference = entries(x2);
        Path lr = dir.resolve("lr8.hdf5");
        SnapshotWriter.write(lr, Catalogues.displacedLattice(8, 64.0, 0.5), new SnapshotMeta(0, 0.31, 0.69, 0.68, "{}"),
                WriteOptions.defaults());
        List<Mutant> mutants = mutants(original, x2, x4, new Random(SEED));
        assertTrue(mutants.size() >= 200, "mutants: " + mutants.size());
        int refused = 0;
        for (int m = 0; m < mutants.size(); m++) {
            Mutant mutant = mutants.get(m);
            Path d = Files.createDirectories(dir.resolve("m" + m));
            Path model = Files.write(d.resolve("model.zip"), mutant.bytes());
            Path out = d.resolve("sr.hdf5");
            Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("upscale", "--model", model.toString(),
                    "--input", lr.toString(), "--out", out.toString(), "--allow-domain-mismatch", "--threads", "1"),
                    () -> mutant.what() + " hangs");
            boolean unchanged = sameEntries(model, reference);
            if (r.code() == 0) {
                assertTrue(unchanged, mutant.what() + ": a changed model ran: " + r.out());
                continue;
            }
            String line = r.userError(3);
            assertTrue(line.contains("model.zip"), mutant.what() + ": the model is named: " + line);
            try (Stream<Path> s = Files.list(d)) {
                assertEquals(List.of(model), s.toList(), mutant.what() + ": nothing written on failure");
            }
            refused++;
        }
        System.out.printf("model zip fuzz: %d mutants, %d refused with exit 3%n", mutants.size(), refused);
        assertTrue(refused >= 200, "refused: " + refused);
    }

    private static Map<String, byte[]> entries(Path zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (String name : ENTRIES) {
                var e = z.getEntry(name);
                out.put(name, e == null ? null : z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    private static boolean sameEntries(Path zip, Map<String, byte[]> reference) {
        try {
            Map<String, byte[]> e = entries(zip);
            for (String name : ENTRIES) {
                if (!Arrays.equals(e.get(name), reference.get(name))) {
                    return false;
                }
            }
            return true;
        } catch (Exception | Error unreadable) {
            return false;
        }
    }

    private static List<Mutant> mutants(byte[] original, Path x2, Path x4, Random rng) throws Exception {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            byte[] b = original.clone();
            int flips = 1 + rng.nextInt(4);
            // A third in the central directory and the last local headers, where zip readers look first.
            int at = i % 3 == 0 ? b.length - 1 - rng.nextInt(Math.min(600, b.length)) : rng.nextInt(b.length);
            for (int k = 0; k < flips && at + k < b.length; k++) {
                b[at + k] ^= (byte) (1 + rng.nextInt(255));
            }
            out.add(new Mutant("flip " + flips + " bytes at " + at, b));
        }
        for (int i = 0; i < 30; i++) {
            int len = rng.nextInt(original.length);
            out.add(new Mutant("truncated to " + len, Arrays.copyOf(original, len)));
        }
        Map<String, byte[]> of4 = entries(x4);
        Map<String, byte[]> of2 = entries(x2);
        for (String name : ENTRIES) {
            out.add(new Mutant("sr-x4's " + name + " in sr-x2", rezip(x2, Map.of(name, of4.get(name)))));
            out.add(new Mutant("sr-x2's " + name + " in sr-x4", rezip(x4, Map.of(name, of2.get(name)))));
            Map<String, byte[]> removed = new LinkedHashMap<>();
            removed.put(name, null);
            out.add(new Mutant("without " + name, rezip(x2, removed)));
            out.add(new Mutant("empty " + name, rezip(x2, Map.of(name, new byte[0]))));
            byte[] big = new byte[(name.equals("coefficients.bin") ? 1 : 70) << 20];
            out.add(new Mutant("oversized " + name, rezip(x2, Map.of(name, big))));
        }
        while (out.size() < 230) {
            // Edits inside one entry that keep it well-formed: a digit of the metadata or the domain changed.
            String name = rng.nextBoolean() ? "loupe-model.json" : "loupe-domain.json";
            byte[] e = of2.get(name).clone();
            int at = rng.nextInt(e.length);
            while (!Character.isDigit(e[at])) {
                at = (at + 1) % e.length;
            }
            e[at] = (byte) ('0' + (e[at] - '0' + 1 + rng.nextInt(8)) % 10);
            out.add(new Mutant("digit " + at + " of " + name + " changed", rezip(x2, Map.of(name, e))));
        }
        return out;
    }

    /** {@code base}'s zip with {@code replace} put in (a null value removes an entry). */
    private static byte[] rezip(Path base, Map<String, byte[]> replace) throws Exception {
        Path tmp = Files.createTempFile("loupe-fuzz-", ".zip");
        try {
            UntrustedModelTest.zip(tmp, base, replace);
            return Files.readAllBytes(tmp);
        } finally {
            Files.delete(tmp);
        }
    }
}
