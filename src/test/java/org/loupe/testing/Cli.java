package org.loupe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.loupe.cli.Main;

/** Runs {@code loupe} in-process and checks the shape of a user error: its exit code and one line. */
public final class Cli {

    /** Exit code and what the command printed. */
    public record Run(int code, String out, String err) {

        /** Asserts exit {@code code} with one error line (no stack trace) that contains every {@code parts}; returns the line. */
        public String userError(int expected, String... parts) {
            assertEquals(expected, code, "exit code; stderr: " + err);
            String[] lines = err.strip().split("\n");
            String error = java.util.Arrays.stream(lines).filter(l -> l.startsWith("loupe: error: ")).findFirst().orElse("");
            assertEquals(1, java.util.Arrays.stream(lines).filter(l -> l.startsWith("loupe: error: ")).count(), "one error line: " + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception in") || err.contains("HDF5-DIAG"), "no stack trace: " + err);
            for (String p : parts) {
                assertTrue(error.contains(p), "'" + p + "' in: " + error);
            }
            return error;
        }
    }

    private Cli() {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
