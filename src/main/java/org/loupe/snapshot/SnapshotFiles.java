package org.loupe.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.loupe.FormatException;

/**
 * Finds the member files of a snapshot: a single file, {@code name.N.hdf5} siblings, a base name
 * whose {@code name.0.hdf5} exists, or a {@code snapdir_XXX/} folder (docs/conventions.md).
 */
final class SnapshotFiles {

    private static final Pattern MEMBER = Pattern.compile("(.*)\\.(\\d+)\\.(hdf5|h5)$");

    private SnapshotFiles() {
    }

    /**
     * The first file to read the header from; {@link #members} then lists all of them once the
     * header's file count is known.
     */
    static Path first(Path input) {
        if (Files.isDirectory(input)) {
            List<Path> members = membersInFolder(input);
            if (members.isEmpty()) {
                throw new FormatException(input + ": folder holds no name.N.hdf5 snapshot files; pass a snapshot file or a snapdir_XXX folder");
            }
            return members.get(0);
        }
        if (Files.isRegularFile(input)) {
            Matcher m = MEMBER.matcher(input.getFileName().toString());
            if (m.matches()) {
                Path zero = input.resolveSibling(m.group(1) + ".0." + m.group(3));
                if (Files.isRegularFile(zero)) {
                    return zero;
                }
            }
            return input;
        }
        if (Files.exists(input)) {
            // A FIFO, a device (/dev/zero) or a socket: it exists, so "no such file" would mislead.
            throw new FormatException(input + ": is not a regular file (a device, FIFO or socket); pass a snapshot file or a"
                    + " snapshot folder");
        }
        for (String ext : new String[] {".0.hdf5", ".0.h5", ".hdf5", ".h5"}) {
            Path candidate = input.resolveSibling(input.getFileName() + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new FormatException(input + ": no such snapshot file or folder; check the path");
    }

    /** All {@code fileCount} member files in order, checking that each exists. */
    static List<Path> members(Path first, int fileCount) {
        if (fileCount <= 1) {
            return List.of(first);
        }
        Matcher m = MEMBER.matcher(first.getFileName().toString());
        if (!m.matches()) {
            throw new FormatException(first + ": header says NumFilesPerSnapshot = " + fileCount
                    + " but the name is not of the form name.N.hdf5, so the other members cannot be found;"
                    + " rename the files name.0.hdf5 ... name." + (fileCount - 1) + ".hdf5");
        }
        List<Path> files = new ArrayList<>(fileCount);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            Path p = first.resolveSibling(m.group(1) + "." + i + "." + m.group(3));
            if (!Files.isRegularFile(p)) {
                missing.add(p.getFileName().toString());
            }
            files.add(p);
        }
        if (!missing.isEmpty()) {
            throw new FormatException(first + ": multi-file snapshot of " + fileCount + " files is missing "
                    + String.join(", ", missing) + "; copy the missing members next to the others");
        }
        return files;
    }

    private static List<Path> membersInFolder(Path dir) {
        Map<Integer, Path> byIndex = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = MEMBER.matcher(p.getFileName().toString());
                if (m.matches()) {
                    byIndex.put(Integer.parseInt(m.group(2)), p);
                }
            });
        } catch (IOException e) {
            throw new FormatException(dir + ": cannot list folder: " + e.getMessage());
        }
        return new ArrayList<>(byIndex.values());
    }
}
