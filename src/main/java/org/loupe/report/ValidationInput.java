package org.loupe.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.loupe.particles.Particles;

/**
 * What a validation report compares: the LR control, one or more named SR boxes, the (optional)
 * HR box, their lattice sides, the redshift and the names of the inputs as the report shows them.
 *
 * @param lr LR particles
 * @param sr super-resolved particles by name, in the order given
 * @param hr HR particles, or null
 * @param lrSide LR particles per side
 * @param hrSide HR (and SR) particles per side
 * @param redshift redshift of the SR snapshots
 * @param names input names and hashes for the report (label → value)
 * @param hubbleKmSPerMpcH H(z) of the snapshots in km/s per Mpc/h, for the redshift-space
 *        multipoles; NaN when the cosmology is unknown (no redshift-space check)
 */
public record ValidationInput(Particles lr, Map<String, Particles> sr, Particles hr, int lrSide, int hrSide, double redshift,
                              Map<String, Object> names, double hubbleKmSPerMpcH) {

    /** Without the Hubble rate: no redshift-space multipoles. */
    public ValidationInput(Particles lr, Map<String, Particles> sr, Particles hr, int lrSide, int hrSide, double redshift,
                           Map<String, Object> names) {
        this(lr, sr, hr, lrSide, hrSide, redshift, names, Double.NaN);
    }

    public ValidationInput {
        sr = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sr));
        if (sr.isEmpty()) {
            throw new IllegalArgumentException("at least one SR box");
        }
    }

    /** One SR box named "SR", sides from the counts, z = 0 and no names. */
    public static ValidationInput of(Particles lr, Particles sr, Particles hr) {
        return of(lr, Map.of("SR", sr), hr);
    }

    /** Several named SR boxes, sides from the counts, z = 0 and no names. */
    public static ValidationInput of(Particles lr, Map<String, Particles> sr, Particles hr) {
        return new ValidationInput(lr, sr, hr, side(lr), side(sr.values().iterator().next()), 0, Map.of());
    }

    public ValidationInput withSides(int lrSideCells, int hrSideCells) {
        return new ValidationInput(lr, sr, hr, lrSideCells, hrSideCells, redshift, names, hubbleKmSPerMpcH);
    }

    public ValidationInput withNames(Map<String, Object> inputNames) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, redshift, inputNames, hubbleKmSPerMpcH);
    }

    /** With H(z) of the snapshots (km/s per Mpc/h) at {@code z}: the report adds the redshift-space multipoles. */
    public ValidationInput withHubble(double z, double hubble) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, z, names, hubble);
    }

    private static int side(Particles p) {
        return (int) Math.round(Math.cbrt(p.count()));
    }
}
