/**
 * Paired LR/HR training examples: periodic crops with a halo (HR anchor = LR anchor × scale),
 * the 48 symmetries of the cube applied to fields and their vector components, trilinear
 * upsampling of the LR input (the network learns a correction to it), normalisation in the
 * map2map / Li+2021 convention, and the size arithmetic of the generator. Plain Java except the
 * ND4J dataset adapter.
 */
package org.loupe.tiles;
