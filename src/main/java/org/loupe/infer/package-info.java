/**
 * Upscaling a whole box: periodic tiling with a halo, prediction tile by tile with bounded
 * memory, stitching of the tiles' central crops, undoing the normalisation, and the HR
 * displacement field back to particles on the HR lattice.
 */
package org.loupe.infer;
