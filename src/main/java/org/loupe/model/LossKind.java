package org.loupe.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.loupe.ConfigException;

/** The distance D in the loss D(output − target) on normalised fields. */
public enum LossKind {
    MSE, L1;

    @JsonCreator
    public static LossKind parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("unknown loss '" + s + "': use mse or l1");
        }
    }
}
