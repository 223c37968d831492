package org.loupe.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal. In batch logs (no console,
 * e.g. SLURM or {@code > log}) a plain line at each quarter and at least every 30 s with the rate
 * and the time left, so a log shows that a long run is moving and when it will end.
 */
public final class ProgressBar {

    /** Seconds between log lines when stdout is not a terminal. */
    static final double LOG_INTERVAL_S = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long startNanos;
    private int lastQuarter = -1;
    private String lastLabel = "";
    private long lastLineNanos;
    private int firstDone = -1;

    public ProgressBar(PrintStream out) {
        this(out, System.console() != null, System::nanoTime);
    }

    /** For tests: whether to redraw in place, and the clock (ns). */
    ProgressBar(PrintStream out, boolean interactive, LongSupplier clock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLineNanos = startNanos;
    }

    public static ProgressBar stderr() {
        return new ProgressBar(System.err);
    }

    /** Shows {@code done} of {@code total} for {@code label}, with free text after it. */
    public synchronized void update(String label, int done, int total, String detail) {
        int width = 24;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        long now = clock.getAsLong();
        double elapsed = (now - startNanos) * 1e-9;
        if (!label.equals(lastLabel)) {
            lastLabel = label;
            lastQuarter = -1;
            firstDone = done - 1;
        }
        // Rate over this run's own steps (a resumed run starts at done > 1).
        int steps = done - Math.max(0, firstDone);
        double rate = elapsed > 0 ? steps / elapsed : 0;
        String eta = rate > 0 && done < total ? String.format(Locale.ROOT, ", %s left", duration((total - done) / rate)) : "";
        String line = String.format(Locale.ROOT, "%-28s [%s] %d/%d %s (%.0f s, %.3g/s%s)", label, bar, done, total, detail, elapsed,
                rate, eta);
        if (interactive) {
            out.print("\r" + line + (done == total ? "\n" : ""));
            out.flush();
            return;
        }
        int quarter = total == 0 ? 4 : 4 * done / total;
        if (quarter != lastQuarter || (now - lastLineNanos) * 1e-9 >= LOG_INTERVAL_S) {
            lastQuarter = quarter;
            lastLineNanos = now;
            out.println(line);
            out.flush();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + " s";
    }
}
