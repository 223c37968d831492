package org.loupe;

/** Two inputs that must agree do not: box sizes, grid sizes, particle counts, channels. */
public class ShapeMismatchException extends LoupeException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 4;
    }
}
