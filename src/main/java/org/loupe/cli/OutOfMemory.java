package org.loupe.cli;

import java.util.Locale;

/**
 * Recognises running out of memory, on the Java heap ({@link OutOfMemoryError}) or in ND4J's
 * native memory (a RuntimeException whose message says it could not allocate), and says what to
 * change, in one line.
 */
final class OutOfMemory {

    private OutOfMemory() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("physical bytes") || m.contains("cannot allocate") || m.contains("failed to allocate")
                    || m.contains("out of memory") || m.contains("bad_alloc")) {
                return true;
            }
        }
        return false;
    }

    static String advice(Throwable e, String command) {
        boolean heap = e instanceof OutOfMemoryError || e.getCause() instanceof OutOfMemoryError;
        String what = heap ? "the Java heap" : "native memory (ND4J)";
        String lower = switch (command) {
            case "upscale" -> "lower --memory-mb or --crop or --batch";
            case "train" -> "lower train.batch or tiles.cropCells in the config";
            case "paint", "power", "validate" -> "lower --grid";
            default -> "use smaller inputs";
        };
        return "out of memory in " + what + " (" + firstLine(e) + "): " + lower
                + (heap ? ", or raise the heap with LOUPE_HEAP (e.g. LOUPE_HEAP=8g)" : ", or run on a node with more memory");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
