package org.loupe.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** Needs the 64³ GADGET-4 runs, which are not in the repository: excluded by default; run with {@code -DexcludedGroups=none -Dgroups=full-reference-data -Dloupe.referenceData=DIR}. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("full-reference-data")
@Tag("slow")
public @interface FullReferenceData {
}
