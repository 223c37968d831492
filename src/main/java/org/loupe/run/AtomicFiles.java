package org.loupe.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.loupe.LoupeException;

/** Writes files under a temporary sibling name and renames them into place when complete. */
public final class AtomicFiles {

    /** Writes the content of a file at the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Runs {@code writer} on a temp sibling of {@code target}, then renames it to {@code target}. */
    public static Path write(Path target, Writer writer) {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(parent);
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new LoupeException(target + ": cannot write (" + e.getMessage() + "); check the folder and free space", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stale temp file never replaces an output
            }
        }
    }

    public static Path writeString(Path target, String text) {
        return write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
