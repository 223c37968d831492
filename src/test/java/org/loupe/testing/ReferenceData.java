package org.loupe.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** Compares against the bundled GADGET-4 runs ({@code src/test/resources/gadget4}, through {@link SharedData}). Also slow. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("reference-data")
@Tag("slow")
public @interface ReferenceData {
}
