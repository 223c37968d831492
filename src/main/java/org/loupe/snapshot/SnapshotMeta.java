package org.loupe.snapshot;

/**
 * What a written snapshot's header records besides the particles.
 *
 * @param redshift z of the snapshot
 * @param omegaM Ω_m
 * @param omegaLambda Ω_Λ
 * @param hubble h
 * @param provenanceJson provenance manifest (JSON) stored as the /Loupe attribute "provenance"
 */
public record SnapshotMeta(double redshift, double omegaM, double omegaLambda, double hubble, String provenanceJson) {
}
