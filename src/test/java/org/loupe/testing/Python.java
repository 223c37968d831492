package org.loupe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's /usr/bin/python3 with h5py for interoperability tests ({@link ExternalTools}).
 * A missing h5py fails the test: skipping would let a machine without it pass untested.
 */
public final class Python {

    private static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    public static void requireH5py() {
        boolean ok;
        try {
            ok = run(List.of(PYTHON, "-c", "import h5py, numpy"), 60).exitCode == 0;
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            fail("python3-h5py is not installed: apt-get install -y python3-h5py python3-numpy,"
                    + " or leave out the external-tools tests (-DexcludedGroups=external-tools)");
        }
    }

    /** Copies a test resource script to {@code dir} and runs it with the given arguments. */
    public static Result script(Class<?> owner, String resource, Path dir, String... args) {
        try (var in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Path script = dir.resolve(resource);
            Files.copy(in, script);
            List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
            cmd.addAll(List.of(args));
            return run(cmd, 300);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Drain the output while the process runs: a full pipe would block it forever.
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(buf);
                } catch (IOException ignored) {
                    // process killed
                }
            });
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            reader.join(10_000);
            String out = buf.toString(StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exit code and combined output. */
    public record Result(int exitCode, String output) {
    }
}
