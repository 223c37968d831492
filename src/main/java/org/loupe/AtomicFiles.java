package org.loupe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Loupe writes a file: under the hidden temporary sibling {@code .NAME.PID.tmp}, then
 * renamed into place, so a reader never sees a half-written output and a killed run never
 * replaces a good one. The temp file is removed on any failure; a temp file that a killed
 * process (one no longer alive) left for the same output is removed before writing.
 */
public final class AtomicFiles {

    /** Writes the content of one file at the given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** Writes several files, one per temporary path, in the order of the targets. */
    @FunctionalInterface
    public interface MultiWriter {
        void write(List<Path> temps) throws IOException;
    }

    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.tmp");

    private AtomicFiles() {
    }

    /** The temporary sibling this process writes {@code target} under. */
    public static Path tempOf(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /** Runs {@code writer} on the temp sibling of {@code target}, then renames it to {@code target}. */
    public static Path write(Path target, Writer writer) {
        writeAll(List.of(target), temps -> writer.write(temps.get(0)));
        return target;
    }

    /**
     * Runs {@code writer} on temp siblings of all {@code targets}; only when every one is complete
     * are they renamed into place (a multi-file snapshot appears whole or not at all).
     */
    public static List<Path> writeAll(List<Path> targets, MultiWriter writer) {
        List<Path> temps = new ArrayList<>();
        Path current = targets.get(0);
        try {
            for (Path t : targets) {
                current = t;
                requireFileOrAbsent(t);
                Leftovers.createFolders(t.toAbsolutePath().getParent());
                removeStaleTemps(t);
                temps.add(tempOf(t));
                Leftovers.track(tempOf(t));
            }
            current = targets.get(0);
            writer.write(temps);
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i);
                move(temps.get(i), targets.get(i));
            }
            return targets;
        } catch (OutputException e) {
            // A writer reports the temp file it was writing; the user knows the output's name.
            String m = e.getMessage();
            for (int i = 0; i < temps.size(); i++) {
                m = m.replace(temps.get(i).toString(), targets.get(i).toString());
            }
            throw m.equals(e.getMessage()) ? e : new OutputException(m, e);
        } catch (IOException e) {
            throw new OutputException(current + ": cannot write (" + e.getMessage() + "); check the folder's permissions and free space", e);
        } finally {
            for (Path tmp : temps) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // removed by the next run that writes this output (removeStaleTemps)
                }
                Leftovers.untrack(tmp);
            }
        }
    }

    /**
     * Exit 3 when {@code target} exists and is not a regular file (through links): a device such
     * as /dev/null, a FIFO or a socket. The final rename would replace it with a plain file (run as
     * root, /dev/null itself), so Loupe refuses it before any work (issue #25, item 9).
     */
    public static void requireFileOrAbsent(Path target) {
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            throw new OutputException(target + ": exists and is not a regular file (a device, FIFO or socket); Loupe writes"
                    + " an output under a temporary name and renames it, which would replace it: give the path of a file");
        }
    }

    public static Path writeString(Path target, String text) {
        return write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    public static Path writeBytes(Path target, byte[] bytes) {
        return write(target, tmp -> Files.write(tmp, bytes));
    }

    /** Deletes temp siblings of {@code target} whose writing process is no longer alive; returns how many. */
    public static int removeStaleTemps(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        int removed = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, "." + escapeGlob(name) + ".*.tmp")) {
            for (Path p : siblings) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(name) && !alive(Long.parseLong(m.group(2)))) {
                    removed += Files.deleteIfExists(p) ? 1 : 0;
                }
            }
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String escapeGlob(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
