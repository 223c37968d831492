package org.loupe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the GADGET-4 reference data of the tests. The 16³ and 32³ runs are test resources
 * ({@code src/test/resources/gadget4}); the larger runs are not in the repository and are found
 * under {@code -Dloupe.referenceData=DIR} only by the tests tagged {@code full-reference-data}.
 * A missing file fails the test that asked for it: a fixture that silently skipped would let a
 * clean clone pass without ever running the comparison.
 */
public final class SharedData {

    /** System property naming the folder that holds the optional full reference set. */
    public static final String REFERENCE_DATA = "loupe.referenceData";

    private SharedData() {
    }

    /** A bundled fixture or, failing that, one from the optional full reference set; fails when neither has it. */
    public static Path path(String relative) {
        URL url = SharedData.class.getResource("/" + relative);
        if (url != null) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        String root = System.getProperty(REFERENCE_DATA);
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
            return fail("reference data " + p + " not found; -D" + REFERENCE_DATA + " must name the folder that holds gadget4/");
        }
        return fail("test fixture " + relative + " is neither in src/test/resources nor given: the 8³ and 64³ GADGET-4 runs"
                + " are optional, pass -D" + REFERENCE_DATA + "=DIR (see src/test/resources/gadget4/README.md)"
                + " or leave the full-reference-data tag excluded");
    }
}
