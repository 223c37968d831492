package org.loupe;

/**
 * Root of every error Loupe reports to a user. The message is one line that names the file or
 * setting at fault, the problem, and what to do about it; the CLI prints it without a stack trace.
 */
public class LoupeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoupeException(String message) {
        super(message);
    }

    public LoupeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Process exit code the CLI uses for this kind of error. */
    public int exitCode() {
        return 1;
    }
}
