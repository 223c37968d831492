package org.loupe.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** Needs Debian tools the tests call (python3-h5py, hdf5-tools, shellcheck; {@code .ci/run} installs them); fails when one is missing. Also slow. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("external-tools")
@Tag("slow")
public @interface ExternalTools {
}
