package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.model.ModelFile;
import org.loupe.model.ShippedModels;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** Issue #25, item 8: a model zip is untrusted input, read as data; a mixed or damaged one is exit 3. */
class UntrustedModelTest {

    @TempDir
    Path dir;

    /** A zip of {@code base}'s entries with {@code replace} put in (a null value removes an entry). */
    static Path zip(Path out, Path base, Map<String, byte[]> replace) throws Exception {
        try (ZipFile in = new ZipFile(base.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : java.util.Collections.list(in.entries())) {
                if (!replace.containsKey(e.getName())) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(in.getInputStream(e).readAllBytes());
                }
            }
            for (var e : replace.entrySet()) {
                if (e.getValue() != null) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                }
            }
        }
        return out;
    }

    static byte[] entry(Path zip, String name) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    private static byte[] serialised(Object o) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    /** A model zip of the pre-JSON layout: metadata as a Java-serialised map in objects/loupe-model. */
    private Path legacy(String name, Path network, Object meta) throws Exception {
        Map<String, byte[]> r = new LinkedHashMap<>();
        r.put("loupe-model.json", null);
        r.put("loupe-domain.json", null);
        r.put("objects/loupe-model", serialised(meta));
        return zip(dir.resolve(name), network, r);
    }

    private Cli.Run upscale(Path model) {
        return Cli.run("upscale", "--model", model.toString(), "--input", SharedData.path("gadget4/A_N016/snapshot_004.hdf5").toString(),
                "--out", dir.resolve("sr.hdf5").toString(), "--allow-domain-mismatch");
    }

    @Test
    void aNestedSetPayloadIsRefusedAtOnceInsteadOfHanging() throws Exception {
        // The classic deserialisation bomb: 100 levels of pairs of sets whose hashing takes 2^100 steps.
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        Path bomb = legacy("bomb.zip", ShippedModels.locate("sr-x2"), root);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> upscale(bomb).userError(3, "bomb.zip", "not a plain record"));
        assertFalse(Files.exists(dir.resolve("sr.hdf5")));
    }

    @Test
    void aPreJsonModelStillReadsAndAMixedOneIsRefused() throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "loupe-model-1");
        meta.put("scale", 2);
        meta.put("velocity", false);
        meta.put("cropCells", 16);
        meta.put("haloCells", 2);
        meta.put("provenance", "{}");
        meta.put("noiseChannels", 0);
        Path old = legacy("old.zip", ShippedModels.locate("sr-x2"), meta);
        ModelFile m = ModelFile.read(old);
        assertEquals(2, m.scale());
        // The same metadata with sr-x4's network (2 noise channels, x4): refused before any input is read.
        Path mixed = legacy("mixed-old.zip", ShippedModels.locate("sr-x4"), meta);
        upscale(mixed).userError(3, "mixed-old.zip", "does not fit its metadata");
    }

    @Test
    void aZipMixingOneModelsNetworkWithAnothersMetadataIsRefused() throws Exception {
        Path x2 = ShippedModels.locate("sr-x2");
        Path x4 = ShippedModels.locate("sr-x4");
        Path mixed = zip(dir.resolve("mixed.zip"), x4, Map.of("loupe-model.json", entry(x2, "loupe-model.json"),
                "loupe-model.sha256", entry(x2, "loupe-model.sha256")));
        upscale(mixed).userError(3, "mixed.zip", "not the one its metadata was written for");
    }

    @Test
    void aDamagedOrOversizedEntryIsRefused() throws Exception {
        Path x2 = ShippedModels.locate("sr-x2");
        byte[] json = entry(x2, "loupe-model.json");
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8).replace("\"scale\" : 2", "\"scale\" : 2.5");
        byte[] editedJson = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path edited = zip(dir.resolve("edited.zip"), x2, Map.of("loupe-model.json", editedJson));
        upscale(edited).userError(3, "edited.zip", "does not match its recorded sha256");
        // Re-hashed by hand: the values are still checked.
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(editedJson));
        Path rehashed = zip(dir.resolve("rehashed.zip"), x2, Map.of("loupe-model.json", editedJson,
                "loupe-model.sha256", sha.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        upscale(rehashed).userError(3, "rehashed.zip", "scale = 2.5");
        byte[] huge = new byte[5 << 20];
        java.util.Arrays.fill(huge, (byte) ' ');
        Path big = zip(dir.resolve("big.zip"), x2, Map.of("loupe-model.json", huge));
        upscale(big).userError(3, "big.zip", "larger than");
        // A flipped bit in the stored bytes of an entry (zip readers do not check the CRC themselves).
        byte[] bytes = Files.readAllBytes(x2);
        int at = indexOf(bytes, "coefficients.bin".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 200;
        bytes[at] ^= 0x10;
        Path flipped = Files.write(dir.resolve("flipped.zip"), bytes);
        upscale(flipped).userError(3, "flipped.zip");
    }

    /** A crafted network description, nested 200 000 deep and re-hashed so every digest matches: exit 3, not a crash. */
    @Test
    void aDeeplyNestedNetworkDescriptionIsRefused() throws Exception {
        Path x2 = ShippedModels.locate("sr-x2");
        byte[] config = ("{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] coefficients = entry(x2, "coefficients.bin");
        var md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(config);
        md.update(coefficients);
        String network = java.util.HexFormat.of().formatHex(md.digest());
        String meta = new String(entry(x2, "loupe-model.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"networkSha256\" : \"[0-9a-f]+\"", "\"networkSha256\" : \"" + network + "\"");
        byte[] metaBytes = meta.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String metaSha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(metaBytes));
        Path deep = zip(dir.resolve("deep.zip"), x2, Map.of("configuration.json", config, "loupe-model.json", metaBytes,
                "loupe-model.sha256", metaSha.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> upscale(deep).userError(3, "deep.zip"));
        assertFalse(Files.exists(dir.resolve("sr.hdf5")));
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
