package org.loupe.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.loupe.ConfigException;
import org.loupe.OutputException;

/**
 * The models shipped in the repository's {@code models/} folder and packed into the jar
 * ({@code sr-x2}: 32³ → 64³ particles, {@code sr-x4}: 16³ → 64³, both 64 Mpc/h at z = 0), so
 * {@code --model sr-x2} works from anywhere. A value that names an existing file is that file.
 */
public final class ShippedModels {

    /** Names of the shipped models, in the order the README lists them. */
    public static final List<String> NAMES = List.of("sr-x2", "sr-x4");

    /** One extracted copy per name and JVM. */
    private static final java.util.Map<String, Path> EXTRACTED = new java.util.concurrent.ConcurrentHashMap<>();

    private ShippedModels() {
    }

    /**
     * The model file {@code nameOrPath} stands for: an existing path as is, else a shipped model
     * copied out of the jar to a temporary file (removed when the JVM exits).
     */
    public static Path locate(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (Files.exists(p) && !Files.isDirectory(p)) {
            // A device or FIFO exists: "no such model" would mislead, and reading it may never end.
            throw new org.loupe.FormatException(p + ": is not a regular file (a device, FIFO or socket); pass a model.zip");
        }
        if (!NAMES.contains(nameOrPath)) {
            throw new ConfigException(nameOrPath + ": no such model file, and not a shipped model name (shipped: "
                    + String.join(", ", NAMES) + "); train one with `loupe train` and pass its model.zip");
        }
        Path cached = EXTRACTED.get(nameOrPath);
        if (cached != null && Files.isRegularFile(cached)) {
            return cached;
        }
        try (InputStream in = ShippedModels.class.getResourceAsStream("/org/loupe/models/" + nameOrPath + ".zip")) {
            if (in == null) {
                throw new ConfigException(nameOrPath + ": this build carries no shipped model of that name (models/"
                        + nameOrPath + ".zip was missing when the jar was built)");
            }
            removeStaleCopies();
            Path tmp = Files.createTempFile("loupe-" + nameOrPath + "-" + ProcessHandle.current().pid() + "-", ".zip");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            EXTRACTED.put(nameOrPath, tmp);
            return tmp;
        } catch (IOException e) {
            throw new OutputException(nameOrPath + ": cannot unpack the shipped model: " + e.getMessage(), e);
        }
    }

    private static final java.util.regex.Pattern COPY = java.util.regex.Pattern.compile("loupe-sr-x\\d+-(\\d+)-\\d+\\.zip");

    /**
     * Copies that a killed run (kill -9: no exit hook) left in the temp folder: the name carries the
     * process id, and a copy whose process is gone is removed (issue #25, item 12).
     */
    static int removeStaleCopies() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        int removed = 0;
        try (var files = Files.newDirectoryStream(dir, "loupe-sr-x*-*-*.zip")) {
            for (Path f : files) {
                var m = COPY.matcher(f.getFileName().toString());
                if (m.matches() && !ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    removed += Files.deleteIfExists(f) ? 1 : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's file or a race with another run: not ours to remove
        }
        return removed;
    }
}
