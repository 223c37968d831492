package org.loupe.report;

import java.util.Map;

import org.loupe.particles.Particles;

/**
 * What a validation report compares: the LR, SR and (optional) HR particles, their lattice sides,
 * the redshift and the names of the inputs as the report shows them.
 *
 * @param lr LR particles
 * @param sr super-resolved particles
 * @param hr HR particles, or null
 * @param lrSide LR particles per side
 * @param hrSide HR (and SR) particles per side
 * @param redshift redshift of the SR snapshot
 * @param names input names and hashes for the report (label → value)
 */
public record ValidationInput(Particles lr, Particles sr, Particles hr, int lrSide, int hrSide, double redshift,
                              Map<String, Object> names) {

    /** The three particle sets, with sides from their counts, z = 0 and no names. */
    public static ValidationInput of(Particles lr, Particles sr, Particles hr) {
        return new ValidationInput(lr, sr, hr, side(lr), side(sr), 0, Map.of());
    }

    public ValidationInput withSides(int lrSideCells, int hrSideCells) {
        return new ValidationInput(lr, sr, hr, lrSideCells, hrSideCells, redshift, names);
    }

    public ValidationInput withRedshift(double z) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, z, names);
    }

    public ValidationInput withNames(Map<String, Object> inputNames) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, redshift, inputNames);
    }

    private static int side(Particles p) {
        return (int) Math.round(Math.cbrt(p.count()));
    }
}
