package org.loupe.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.loupe.particles.Particles;

/**
 * What a validation report compares: the LR control, one or more named SR boxes, the (optional)
 * HR box, their lattice sides, the redshift and the names of the inputs as the report shows them.
 * Every box is read pass by pass, never held whole.
 *
 * @param lr LR box (with IDs: the trilinear baseline is made from its lattice displacements)
 * @param sr super-resolved boxes by name, in the order given
 * @param hr HR box, or null
 * @param lrSide LR particles per side
 * @param hrSide HR (and SR) particles per side
 * @param redshift redshift of the SR snapshots
 * @param names input names and hashes for the report (label → value)
 * @param hubbleKmSPerMpcH H(z) of the snapshots in km/s per Mpc/h, for the redshift-space
 *        multipoles; NaN when the cosmology is unknown (no redshift-space check)
 * @param floors HR twins by name (the HR run's modes up to the LR Nyquist frequency, new ones
 *        above): measured like SR boxes, never judged; the floor a perfect model reaches
 */
public record ValidationInput(BoxSource lr, Map<String, BoxSource> sr, BoxSource hr, int lrSide, int hrSide, double redshift,
                              Map<String, Object> names, double hubbleKmSPerMpcH, Map<String, BoxSource> floors) {

    public ValidationInput(BoxSource lr, Map<String, BoxSource> sr, BoxSource hr, int lrSide, int hrSide, double redshift,
                           Map<String, Object> names, double hubbleKmSPerMpcH) {
        this(lr, sr, hr, lrSide, hrSide, redshift, names, hubbleKmSPerMpcH, Map.of());
    }

    /** Without the Hubble rate: no redshift-space multipoles. */
    public ValidationInput(BoxSource lr, Map<String, BoxSource> sr, BoxSource hr, int lrSide, int hrSide, double redshift,
                           Map<String, Object> names) {
        this(lr, sr, hr, lrSide, hrSide, redshift, names, Double.NaN);
    }

    public ValidationInput {
        sr = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sr));
        floors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(floors == null ? Map.of() : floors));
        if (sr.isEmpty()) {
            throw new IllegalArgumentException("at least one SR box");
        }
    }

    /** One SR box named "SR", sides from the counts, z = 0 and no names. */
    public static ValidationInput of(Particles lr, Particles sr, Particles hr) {
        return of(lr, Map.of("SR", sr), hr);
    }

    /** Several named SR boxes in memory, sides from the counts, z = 0 and no names. */
    public static ValidationInput of(Particles lr, Map<String, Particles> sr, Particles hr) {
        Map<String, BoxSource> boxes = new LinkedHashMap<>();
        sr.forEach((name, p) -> boxes.put(name, BoxSource.of(p)));
        return new ValidationInput(BoxSource.of(lr), boxes, hr == null ? null : BoxSource.of(hr), side(lr.count()),
                side(sr.values().iterator().next().count()), 0, Map.of());
    }

    public ValidationInput withSides(int lrSideCells, int hrSideCells) {
        return new ValidationInput(lr, sr, hr, lrSideCells, hrSideCells, redshift, names, hubbleKmSPerMpcH, floors);
    }

    public ValidationInput withNames(Map<String, Object> inputNames) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, redshift, inputNames, hubbleKmSPerMpcH, floors);
    }

    /** With H(z) of the snapshots (km/s per Mpc/h) at {@code z}: the report adds the redshift-space multipoles. */
    public ValidationInput withHubble(double z, double hubble) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, z, names, hubble, floors);
    }

    /** With HR twins shown as floor columns. */
    public ValidationInput withFloors(Map<String, BoxSource> twins) {
        return new ValidationInput(lr, sr, hr, lrSide, hrSide, redshift, names, hubbleKmSPerMpcH, twins);
    }

    /** Particles per side of a cubic lattice of {@code count} particles. */
    static int side(long count) {
        return (int) Math.round(Math.cbrt((double) count));
    }
}
