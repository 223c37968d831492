package org.loupe.snapshot;

import java.util.Locale;

import org.loupe.ConfigException;

/** How a file stores velocities (docs/conventions.md). */
public enum VelocityConvention {
    /** GADGET family: u = v_pec/√a is stored; multiply by √a. */
    SQRT_A,
    /** SWIFT and Loupe-internal: peculiar velocity stored as is. */
    PECULIAR;

    public static VelocityConvention parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "sqrt_a": case "gadget": case "u":
                return SQRT_A;
            case "peculiar": case "swift":
                return PECULIAR;
            default:
                throw new ConfigException("unknown velocity convention '" + s + "': use gadget (u = v/sqrt(a)) or peculiar");
        }
    }
}
