package org.loupe.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** Needs headless Chromium ({@code /usr/bin/chromium}); fails when it is missing. Also slow, so the fast loop leaves it out. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@Tag("slow")
public @interface Browser {
}
