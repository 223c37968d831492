package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jhdf.exceptions.HdfException;

/** A file Loupe may not read is reported as such, not as a corrupt file. */
class UnreadableFileTest {

    @Test
    void permissionDeniedIsNotCalledCorruption() {
        Path f = Path.of("/data/snap.hdf5");
        String denied = SnapshotReader.unreadable(f, new HdfException("Failed to open file", new AccessDeniedException(f.toString())))
                .getMessage();
        assertTrue(denied.startsWith(f + ": permission denied") && !denied.contains("corrupt"), denied);
        String corrupt = SnapshotReader.unreadable(f, new HdfException("Superblock not found\nmore")).getMessage();
        assertTrue(corrupt.contains("truncated or corrupt") && !corrupt.contains("\n"), corrupt);
    }
}
