package org.loupe;

/** A config file or command-line option is wrong: unknown key, bad value, missing setting. */
public class ConfigException extends LoupeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
