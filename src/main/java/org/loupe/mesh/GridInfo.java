package org.loupe.mesh;

import java.util.List;

/**
 * Metadata every grid carries and writes next to its values.
 *
 * @param kind what the values are
 * @param window mass-assignment window, or null for lattice fields
 * @param interlaced whether a half-cell-shifted second paint was combined in
 * @param redshift redshift of the source, NaN if unknown
 * @param particleCount number of particles painted (for shot noise), 0 if not painted
 * @param sources input files with their sha256
 */
public record GridInfo(GridKind kind, Window window, boolean interlaced, double redshift,
                       long particleCount, List<SourceFile> sources) {

    public GridInfo {
        sources = List.copyOf(sources);
    }

    /** Metadata for a lattice field with no painting involved. */
    public static GridInfo lattice(GridKind kind, double redshift, List<SourceFile> sources) {
        return new GridInfo(kind, null, false, redshift, 0, sources);
    }
}
