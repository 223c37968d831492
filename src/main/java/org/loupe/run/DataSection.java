package org.loupe.run;

/**
 * The {@code data:} section of a config.
 *
 * @param manifest data manifest of LR/HR pairs (relative to the config file's folder)
 */
public record DataSection(String manifest) {
}
