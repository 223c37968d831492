package org.loupe.snapshot;

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
            return new Snapshot(HeaderParser.parse(hdf, first, options), options);
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
        try {
            return new HdfFile(file);
        } catch (HdfException e) {
            throw unreadable(file, e);
        }
    }

    static FormatException unreadable(Path file, RuntimeException e) {
        return new FormatException(file + ": not a readable HDF5 file (" + e.getMessage()
                + "); it may be truncated or corrupt: copy or regenerate it", e);
    }
}
