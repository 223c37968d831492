package org.loupe;

/**
 * A run would foreseeably not fit in memory (estimated before the work starts from the inputs'
 * headers and the settings): exit code 7, the same as running out of memory, with what to change.
 */
public class MemoryException extends LoupeException {
    private static final long serialVersionUID = 1L;

    public MemoryException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 7;
    }
}
