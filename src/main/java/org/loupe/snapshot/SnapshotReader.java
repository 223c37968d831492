package org.loupe.snapshot;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;

import org.loupe.FormatException;

/** Opens snapshots: finds the member files and parses the header. */
public final class SnapshotReader {

    private SnapshotReader() {
    }

    /** Opens with defaults: dark matter (PartType1), detected units and conventions. */
    public static Snapshot open(Path path) {
        return open(path, ReadOptions.defaults());
    }

    public static Snapshot open(Path path, ReadOptions options) {
        Path first = SnapshotFiles.first(path);
        try (HdfFile hdf = openHdf(first)) {
            SnapshotHeader header = HeaderParser.parse(hdf, first, options);
            HeaderParser.requireMembersAgree(header.files());
            MemberSet.requireDistinct(header.files(), header.numPartTotal());
            return new Snapshot(header, options);
        } catch (HdfException e) {
            throw unreadable(first, e);
        }
    }

    /** The provenance JSON a Loupe-written snapshot carries in /Loupe, or null for other files. */
    public static String provenance(Path file) {
        try (HdfFile hdf = openHdf(SnapshotFiles.first(file))) {
            var node = hdf.getChildren().get("Loupe");
            if (node == null || node.getAttribute("provenance") == null) {
                return null;
            }
            return String.valueOf(node.getAttribute("provenance").getData());
        } catch (HdfException e) {
            return null;
        }
    }

    static HdfFile openHdf(Path file) {
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw permissionDenied(file);
        }
        try {
            return new HdfFile(file);
        } catch (HdfException | ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            // A damaged superblock makes jHDF fail with plain runtime exceptions too (a negative
            // "unsigned" address, a buffer read past its end): the file is unreadable either way.
            throw unreadable(file, e);
        }
    }

    static FormatException unreadable(Path file, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return permissionDenied(file);
            }
        }
        return new FormatException(file + ": not a readable HDF5 file (" + firstLine(e.getMessage())
                + "); it may be truncated or corrupt: copy or regenerate it", e);
    }

    private static FormatException permissionDenied(Path file) {
        return new FormatException(file + ": permission denied (the file is fine, Loupe may not read it); check its"
                + " permissions or run as a user who may read it");
    }

    private static String firstLine(String m) {
        String s = String.valueOf(m);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
