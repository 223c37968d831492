package org.loupe.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal; in batch logs (no console,
 * e.g. SLURM) one line per quarter so logs stay short.
 */
public final class ProgressBar {

    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private int lastQuarter = -1;
    private String lastLabel = "";

    public ProgressBar(PrintStream out) {
        this.out = out;
        this.interactive = System.console() != null;
    }

    public static ProgressBar stderr() {
        return new ProgressBar(System.err);
    }

    /** Shows {@code done} of {@code total} for {@code label}, with free text after it. */
    public synchronized void update(String label, int done, int total, String detail) {
        int width = 24;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        double elapsed = (System.nanoTime() - startNanos) * 1e-9;
        String line = String.format(Locale.ROOT, "%-28s [%s] %d/%d %s (%.0f s)", label, bar, done, total, detail, elapsed);
        if (interactive) {
            out.print("\r" + line + (done == total ? "\n" : ""));
            out.flush();
            return;
        }
        int quarter = total == 0 ? 4 : 4 * done / total;
        if (!label.equals(lastLabel)) {
            lastLabel = label;
            lastQuarter = -1;
        }
        if (quarter != lastQuarter) {
            lastQuarter = quarter;
            out.println(line);
        }
    }
}
