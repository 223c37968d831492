package org.loupe;

/** A config file or command-line option is wrong: unknown key, bad value, missing setting. */
public class ConfigException extends LoupeException {
    private static final long serialVersionUID = 1L;

    /** Dotted config path of the key at fault (e.g. {@code train.batch}), or null. */
    private final String key;

    public ConfigException(String message) {
        this(message, (Throwable) null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.key = null;
    }

    private ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * A value of config key {@code key} is out of range: the message reads "KEY PROBLEM", and the
     * config loader adds the file and the key's line.
     */
    public static ConfigException forKey(String key, String problem) {
        return new ConfigException(key, key + " " + problem, null);
    }

    /** Checks {@code lo <= value <= hi} for config key {@code key}. */
    public static void checkRange(String key, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw forKey(key, "must be " + lo + " to " + hi + ", got " + value);
        }
    }

    public String key() {
        return key;
    }

    /** The same error prefixed with {@code where} (a file and line). */
    public ConfigException inFile(String where) {
        return new ConfigException(key, where + ": " + getMessage(), this);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
