package org.loupe;

/** An input file is unreadable, truncated, inconsistent or uses an unsupported feature. */
public class FormatException extends LoupeException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
