package org.loupe.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters that refuse values no run can use, before any work: picocli reports them as
 * "Invalid value for option '--batch': ..." with exit 2.
 */
final class Ranges {

    private Ranges() {
    }

    /** An integer of at least 1 (threads, batch, crop). */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v = parse(value);
            if (v < 1) {
                throw new TypeConversionException("must be at least 1, got " + v);
            }
            return v;
        }
    }

    /** A thread count, 1 to 4096 (the config's `threads:` range). */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v = parse(value);
            if (v < 1 || v > 4096) {
                throw new TypeConversionException("must be at least 1 and at most 4096, got " + v);
            }
            return v;
        }
    }

    /** A memory budget in MB of at least {@link #MIN_MEMORY_MB}. */
    static final class MemoryMb implements ITypeConverter<Long> {
        /** Below this no tile of any model fits with the runtime's own overhead. */
        static final long MIN_MEMORY_MB = 64;

        @Override
        public Long convert(String value) {
            long v = parse(value);
            if (v < MIN_MEMORY_MB) {
                throw new TypeConversionException("must be at least " + MIN_MEMORY_MB + " MB, got " + v);
            }
            return v;
        }
    }

    private static int parse(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
