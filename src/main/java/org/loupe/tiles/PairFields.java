package org.loupe.tiles;

import org.loupe.mesh.Grid;

/**
 * One LR/HR pair as lattice fields ready for tiling: C channels (displacement, then velocity if
 * used) on the LR and HR lattices, and the normalisation of its redshift and cosmology.
 *
 * @param id pair id from the data manifest
 * @param lr LR lattice field, C × N³
 * @param hr HR lattice field, C × (sN)³, or null when only the LR side is known (inference)
 * @param norm channel scales
 */
public record PairFields(String id, Grid lr, Grid hr, Normalization norm) {
}
