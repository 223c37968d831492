package org.loupe.tiles;

import org.loupe.mesh.Grid;
import org.loupe.mesh.LatticeSlab;

/**
 * One LR/HR pair as lattice fields ready for tiling: C channels (displacement, then velocity if
 * used) on the LR and HR lattices, and the normalisation of its redshift and cosmology.
 *
 * @param id pair id from the data manifest
 * @param lr LR lattice field, C × N³, or null when only a slab of it is held ({@code lrSlab})
 * @param hr HR lattice field, C × (sN)³, or null when only the LR side is known (inference)
 * @param norm channel scales
 * @param lrSlab the LR planes one task of a split box holds, or null when {@code lr} is whole
 * @param ics the initial conditions' modes above the LR Nyquist frequency on the HR lattice
 *        (3 × (sN)³, unit rms; {@code org.loupe.sim.SmallScaleModes}), or null when the generator takes none
 */
public record PairFields(String id, Grid lr, Grid hr, Normalization norm, LatticeSlab lrSlab, Grid ics) {

    public PairFields(String id, Grid lr, Grid hr, Normalization norm, LatticeSlab lrSlab) {
        this(id, lr, hr, norm, lrSlab, null);
    }

    /** The same pair with the initial-condition modes {@code f}. */
    public PairFields withIcs(Grid f) {
        return new PairFields(id, lr, hr, norm, lrSlab, f);
    }

    public PairFields {
        if ((lr == null) == (lrSlab == null)) {
            throw new IllegalArgumentException("a pair holds its LR field whole or as a slab: exactly one of the two");
        }
    }

    public PairFields(String id, Grid lr, Grid hr, Normalization norm) {
        this(id, lr, hr, norm, null);
    }

    /** LR sites per side, N. */
    public int lrSide() {
        return lr != null ? lr.size() : lrSlab.sitesPerSide();
    }

    /** The LR field as the tiles read it: whole, or the slab held. */
    public LatticeSlab lrFields() {
        return lr != null ? LatticeSlab.of(lr) : lrSlab;
    }
}
