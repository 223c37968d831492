/**
 * The super-resolution generator (DL4J ComputationGraph in the style of map2map's srsgan G), its
 * loss D(output − target), the trainer with resumable checkpoints, and the model file with its
 * provenance. Only this package, the tiles dataset adapter and infer touch DL4J/ND4J.
 */
package org.loupe.model;
