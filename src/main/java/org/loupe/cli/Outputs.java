package org.loupe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.loupe.ConfigException;
import org.loupe.OutputException;

/**
 * Checks a command's outputs before it does any work: an output must not be one of its inputs
 * (also not through a link or {@code ..}), must not be an existing folder when a file is meant,
 * its folder must be writable, and the disk must hold it. A failure here costs nothing; the same
 * failure after an hour of computing costs the hour.
 */
final class Outputs {

    private Outputs() {
    }

    /** {@link #notAnInput} and {@link #checkFile} for each of a command's output files. */
    static void guard(Collection<Path> outputs, Collection<Path> inputs) {
        for (Path o : outputs) {
            notAnInput(o, inputs);
        }
        for (Path o : outputs) {
            checkFile(o);
        }
    }

    /** {@code out} and the provenance file {@code out.manifest.json} written next to it. */
    static java.util.List<Path> withManifest(Path out) {
        return java.util.List.of(out, out.resolveSibling(out.getFileName() + ".manifest.json"));
    }

    /** Exit 2 when {@code out} is the same file as any of {@code inputs}. */
    static void notAnInput(Path out, Collection<Path> inputs) {
        Path o = canonical(out);
        for (Path in : inputs) {
            if (o.equals(canonical(in))) {
                throw new ConfigException(out + ": this output is the input " + in + (out.equals(in) ? "" : " (the same file)")
                        + "; Loupe never writes over an input: choose another output path");
            }
        }
    }

    /** Exit 3 unless {@code out} can be written as a file: not a folder, folder writable (or creatable). */
    static void checkFile(Path out) {
        org.loupe.AtomicFiles.requireFileOrAbsent(out);
        if (Files.isDirectory(out)) {
            throw new OutputException(out + ": is an existing folder; give a file name (e.g. " + out.resolve("out.hdf5") + ")");
        }
        if (Files.exists(out) && !Files.isWritable(out)) {
            throw new OutputException(out + ": exists and is not writable; remove it or choose another output");
        }
        checkFolder(out.toAbsolutePath().getParent());
    }

    /**
     * Exit 2 when {@code dir} already holds the run of another command (its {@code manifest.json}
     * names it): writing there would replace that run's provenance and config.
     */
    static void notAnotherCommandsFolder(Path dir, String command) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        String other;
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
            other = node == null || node.get("command") == null ? null : node.get("command").asText();
        } catch (IOException | RuntimeException e) {
            return;   // not Loupe's provenance: nothing to protect or to compare with
        }
        if (other != null && !other.split(" ")[0].equals(command)) {
            throw new ConfigException(dir + ": holds the output of `loupe " + other + "` (its manifest.json); writing `loupe "
                    + command + "` there would replace that run's provenance: give --out a folder of its own");
        }
    }

    /** Exit 3 unless {@code dir} is (or can be created as) a writable folder. */
    static void checkFolder(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new OutputException(dir + ": is a file, not a folder; choose another output folder");
        }
        Path existing = d;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new OutputException(dir + ": cannot write here (" + (existing == null ? "no such folder" : existing
                    + " is not a writable folder") + "); choose another output folder or fix its permissions");
        }
    }

    /** Exit 3 when the file system of {@code out} has less than {@code bytes} free. */
    static void checkFreeSpace(Path out, long bytes) {
        Path existing = out.toAbsolutePath().normalize().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < bytes) {
                throw new OutputException(String.format(Locale.ROOT, "%s: needs about %.1f MB but %s has %.1f MB free; free"
                        + " some space or write elsewhere", out, bytes / 1e6, existing, free / 1e6));
            }
        } catch (IOException e) {
            // Free space unknown (some network file systems): the write itself will tell.
        }
    }

    /** The real path of {@code p}, or of its nearest existing ancestor with the rest appended. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            return parent == null ? abs : canonical(parent).resolve(abs.getFileName());
        }
    }
}
