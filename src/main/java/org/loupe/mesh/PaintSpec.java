package org.loupe.mesh;

import org.loupe.ConfigException;

/**
 * Settings of the paint step.
 *
 * @param grid cells per side of the density mesh (lattice fields use the particle lattice)
 * @param window mass-assignment window for density
 * @param field which field to make
 * @param interlace combine with a half-cell-shifted paint to suppress aliasing (density only)
 */
public record PaintSpec(int grid, Window window, Field field, boolean interlace) {

    /** The fields {@code loupe paint} makes. */
    public enum Field { DENSITY, DISPLACEMENT, VELOCITY }

    public PaintSpec {
        if (window == null) {
            window = Window.CIC;
        }
        if (field == null) {
            field = Field.DENSITY;
        }
        if (grid < 0 || grid > 1290) {
            throw ConfigException.forKey("paint.grid", "must be 1 to 1290 cells per side, got " + grid);
        }
        if (interlace && field != Field.DENSITY) {
            throw ConfigException.forKey("paint.interlace", "applies to painted density only, not to the " + field.name().toLowerCase()
                    + " field on the lattice");
        }
    }
}
