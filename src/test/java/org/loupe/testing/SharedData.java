package org.loupe.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/data (set by surefire as loupe.sharedData); tests skip when it is absent. */
public final class SharedData {

    private SharedData() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("loupe.sharedData", "../shared/data");
        Path p = Path.of(root).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data not present: " + p);
        return p;
    }
}
