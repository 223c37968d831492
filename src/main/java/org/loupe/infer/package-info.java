/**
 * Upscaling a whole box: periodic tiling with a halo, prediction tile by tile with bounded
 * memory, stitching of the tiles' central crops, undoing the normalisation, and the HR
 * displacement field back to particles on the HR lattice. {@link org.loupe.infer.SnapshotUpscaler}
 * does it from an LR snapshot to an SR snapshot (or one member of a split one), streamed both ways.
 */
package org.loupe.infer;
