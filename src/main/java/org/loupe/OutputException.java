package org.loupe;

/**
 * An output cannot be written: the folder is missing permissions, the path is a folder, the disk
 * is full. Same exit code as an unusable input file (3): a file is the problem, not a setting.
 */
public class OutputException extends LoupeException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
