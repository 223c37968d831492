package org.loupe;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What the running command has made and not finished: temporary files being written and folders
 * it created. A command stopped by SIGINT or SIGTERM (the JVM runs its shutdown hooks, then exits
 * with 130 or 143) removes them and says so in one line; a command that fails removes the folders
 * it created that are still empty (issue #25, item 12). A finished command keeps everything.
 */
public final class Leftovers {

    private static final Set<Path> TEMPS = ConcurrentHashMap.newKeySet();
    private static final ConcurrentLinkedDeque<Path> FOLDERS = new ConcurrentLinkedDeque<>();
    private static volatile boolean running;
    /** Commands inside a command (demo runs the steps through the same entry point) share its record. */
    private static final java.util.concurrent.atomic.AtomicInteger DEPTH = new java.util.concurrent.atomic.AtomicInteger();
    private static volatile boolean keepTemps;
    private static volatile PrintStream err = System.err;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::onStop, "loupe-leftovers"));
    }

    private Leftovers() {
    }

    /**
     * A command starts. {@code keepTempsOnStop} for a command whose own shutdown hook still writes
     * (train saves a checkpoint on SIGTERM): its temporary files are left to the next run.
     */
    public static void begin(boolean keepTempsOnStop) {
        if (DEPTH.getAndIncrement() > 0) {
            keepTemps |= keepTempsOnStop;
            return;
        }
        TEMPS.clear();
        FOLDERS.clear();
        keepTemps = keepTempsOnStop;
        running = true;
    }

    /** The command ended with {@code exitCode}: a failure removes the empty folders it created; then nothing is tracked. */
    public static void end(int exitCode) {
        if (DEPTH.decrementAndGet() > 0) {
            return;
        }
        if (exitCode != 0) {
            removeEmptyFolders();
        }
        running = false;
        TEMPS.clear();
        FOLDERS.clear();
    }

    static void track(Path tmp) {
        TEMPS.add(tmp);
    }

    static void untrack(Path tmp) {
        TEMPS.remove(tmp);
    }

    /** {@link Files#createDirectories}, remembering each folder it made (deepest last). */
    public static Path createFolders(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(abs);
        if (running) {
            FOLDERS.addAll(missing);
        }
        return dir;
    }

    private static int removeEmptyFolders() {
        int removed = 0;
        for (var it = FOLDERS.descendingIterator(); it.hasNext(); ) {
            Path d = it.next();
            try (var s = Files.list(d)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(d);
                    removed++;
                }
            } catch (IOException e) {
                // gone already, or not ours to judge: leave it
            }
        }
        return removed;
    }

    private static void onStop() {
        if (!running) {
            return;   // a finished command's System.exit: nothing is left
        }
        int files = 0;
        if (!keepTemps) {
            for (Path t : List.copyOf(TEMPS)) {
                try {
                    files += Files.deleteIfExists(t) ? 1 : 0;
                } catch (IOException e) {
                    // removed by the next run that writes the same output
                }
            }
        }
        int folders = removeEmptyFolders();
        err.println("loupe: stopped before the end: removed " + files + " unfinished file(s) and " + folders
                + " empty folder(s) this run had made" + (keepTemps ? " (train keeps its last checkpoint)" : ""));
        err.flush();
    }
}
