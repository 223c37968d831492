package org.loupe.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.loupe.FormatException;

/**
 * The entries of a model zip read as data, never as code (issue #25, item 8): a model a colleague
 * shares is untrusted input. Each entry is read with a size limit and checked against its CRC
 * (zip readers do not check it), the metadata is JSON ({@code loupe-model.json}), and the network
 * is compared with the sha256 the metadata recorded for it, so a zip that mixes one model's
 * network with another's metadata is refused. Models written before JSON metadata keep a Java
 * serialised map in {@code objects/loupe-model}: it is read through a filter that admits only
 * maps, strings, numbers and booleans, a few levels deep and a few kB long.
 */
final class ModelZip {

    static final String META = "loupe-model.json";
    static final String DOMAIN = "loupe-domain.json";
    static final String META_SHA = "loupe-model.sha256";
    static final String LEGACY_META = "objects/loupe-model";
    static final String LEGACY_DOMAIN = "objects/loupe-domain";
    static final String CONFIG = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";

    /** Largest metadata entry (a config and a data manifest of thousands of files fit). */
    static final long MAX_META_BYTES = 4L << 20;
    /** Largest network description. */
    static final long MAX_CONFIG_BYTES = 64L << 20;
    /** Largest weights entry (one Java array). */
    static final long MAX_COEFFICIENT_BYTES = Integer.MAX_VALUE - 8;

    private static final Set<Class<?>> LEGACY_CLASSES = Set.of(LinkedHashMap.class, java.util.HashMap.class, String.class,
            Integer.class, Long.class, Double.class, Float.class, Boolean.class, Number.class);

    /** What a model zip holds, checked: its metadata map, domain JSON (or null) and the network's two entries. */
    record Entries(Map<String, Object> meta, String domainJson, byte[] configuration, byte[] coefficients) {
    }

    private ModelZip() {
    }

    static Entries read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(CONFIG) == null || zip.getEntry(COEFFICIENTS) == null) {
                throw notAModel(file);
            }
            byte[] meta = entry(zip, file, META, MAX_META_BYTES);
            byte[] config;
            byte[] coefficients;
            if (meta != null) {
                // The metadata's own sha256 closes the chain: it records the network's and the
                // domain's, so an edit anywhere (a digit of the provenance too) is a damaged file.
                byte[] metaSha = entry(zip, file, META_SHA, 128);
                String actualMeta = sha256(meta);
                if (metaSha == null || !new String(metaSha, java.nio.charset.StandardCharsets.US_ASCII).strip().equals(actualMeta)) {
                    throw new FormatException(file + ": the metadata of this model zip does not match its recorded sha256 ("
                            + (metaSha == null ? "no " + META_SHA : "edited or damaged") + "); use the model.zip that train wrote");
                }
                Map<String, Object> m = Json.map(meta, file + ": " + META);
                Object recorded = m.get("networkSha256");
                // Hashed while streamed, before anything is held: a zip bomb or a foreign network
                // is refused in constant memory.
                MessageDigest md = digest();
                copy(zip, file, CONFIG, MAX_CONFIG_BYTES, md::update);
                copy(zip, file, COEFFICIENTS, MAX_COEFFICIENT_BYTES, md::update);
                String actual = HexFormat.of().formatHex(md.digest());
                if (!(recorded instanceof String s) || !s.equals(actual)) {
                    throw new FormatException(file + ": the network in this model zip is not the one its metadata was written"
                            + " for (network sha256 " + actual.substring(0, 12) + ", recorded " + recorded + "): a mixed or"
                            + " edited model zip; use the model.zip that train wrote");
                }
                config = entry(zip, file, CONFIG, MAX_CONFIG_BYTES);
                coefficients = entry(zip, file, COEFFICIENTS, MAX_COEFFICIENT_BYTES);
                if (!networkSha256(config, coefficients).equals(actual)) {
                    throw new FormatException(file + ": the model zip changed while it was read; read it again");
                }
                byte[] domain = entry(zip, file, DOMAIN, MAX_META_BYTES);
                Object domainSha = m.get("domainSha256");
                if ((domain == null) != (domainSha == null) || domain != null && !domainSha.equals(sha256(domain))) {
                    throw new FormatException(file + ": the training domain in this model zip is not the one its metadata was"
                            + " written with (" + (domain == null ? "missing" : "sha256 " + sha256(domain).substring(0, 12)) + ", recorded "
                            + domainSha + "): a mixed or edited model zip; use the model.zip that train wrote");
                }
                return new Entries(m, domain == null ? null : new String(domain, java.nio.charset.StandardCharsets.UTF_8),
                        config, coefficients);
            }
            byte[] legacy = entry(zip, file, LEGACY_META, MAX_META_BYTES);
            if (legacy == null) {
                throw notAModel(file);
            }
            config = entry(zip, file, CONFIG, MAX_CONFIG_BYTES);
            coefficients = entry(zip, file, COEFFICIENTS, MAX_COEFFICIENT_BYTES);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) legacyObject(legacy, file, Map.class);
            byte[] domain = entry(zip, file, LEGACY_DOMAIN, MAX_META_BYTES);
            return new Entries(m, domain == null ? null : (String) legacyObject(domain, file, String.class), config, coefficients);
        }
    }

    static FormatException notAModel(Path file) {
        return new FormatException(file + ": a zip file but not a Loupe model (no loupe-model entry or no network); models"
                + " come from `loupe train`");
    }

    /** sha256 of the network's description and weights: what the metadata records to bind itself to them. */
    static String networkSha256(byte[] configuration, byte[] coefficients) {
        MessageDigest md = digest();
        md.update(configuration);
        md.update(coefficients);
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) {
        return networkSha256(bytes, new byte[0]);
    }

    /** Where {@link #copy} hands an entry's bytes. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] buf, int off, int len);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An entry's bytes, at most {@code limit}, checked against its CRC; null when absent. */
    static byte[] entry(ZipFile zip, Path file, String name, long limit) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(e.getSize() > 0 && e.getSize() <= limit
                ? (int) e.getSize() : 8192);
        copy(zip, file, name, limit, out::write);
        return out.toByteArray();
    }

    /** Streams entry {@code name} (present) to {@code sink}: at most {@code limit} bytes, checked against its CRC and size. */
    static void copy(ZipFile zip, Path file, String name, long limit, Sink out) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e.getSize() > limit) {
            throw tooLarge(file, name, limit);
        }
        CRC32 crc = new CRC32();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(e)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                total += r;
                if (total > limit) {
                    throw tooLarge(file, name, limit);
                }
                crc.update(buf, 0, r);
                out.accept(buf, 0, r);
            }
        }
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new FormatException(file + ": entry " + name + " of the model zip fails its CRC check: the file is damaged;"
                    + " copy it again or retrain it");
        }
        if (e.getSize() != -1 && total != e.getSize()) {
            throw new FormatException(file + ": entry " + name + " holds " + total + " bytes, its header says " + e.getSize()
                    + ": the file is damaged; copy it again or retrain it");
        }
    }

    private static FormatException tooLarge(Path file, String name, long limit) {
        return new FormatException(file + ": entry " + name + " of the model zip is larger than " + (limit >> 20)
                + " MB, more than any Loupe model holds: not a model to load");
    }

    /** A Java-serialised object of a pre-JSON model, admitted only as maps of strings, numbers and booleans. */
    private static Object legacyObject(byte[] bytes, Path file, Class<?> expected) {
        ObjectInputFilter filter = info -> {
            if (info.depth() > 4 || info.references() > 500 || info.streamBytes() > MAX_META_BYTES || info.arrayLength() > 4096) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            if (c == Map.Entry[].class) {
                return ObjectInputFilter.Status.ALLOWED; // HashMap's table, sized from the stream: bounded above
            }
            return LEGACY_CLASSES.contains(c) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object o = in.readObject();
            if (!expected.isInstance(o)) {
                throw new java.io.InvalidObjectException("not a " + expected.getSimpleName());
            }
            return o;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new FormatException(file + ": the model's metadata is not a plain record of settings (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); refusing to load it: use a model.zip that train wrote", e);
        }
    }

    /** JSON maps with Jackson, failing as a damaged file. */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        private Json() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(byte[] bytes, String where) {
            try {
                Object o = MAPPER.readValue(bytes, Object.class);
                if (o instanceof Map<?, ?> m) {
                    return (Map<String, Object>) m;
                }
                throw new FormatException(where + ": not a JSON object; the model file is damaged: copy it again or retrain it");
            } catch (IOException e) {
                throw new FormatException(where + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "); the model file is damaged:"
                        + " copy it again or retrain it", e);
            }
        }

        static byte[] write(Object o) {
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
