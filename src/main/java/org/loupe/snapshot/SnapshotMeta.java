package org.loupe.snapshot;

import java.util.Map;

/**
 * What a written snapshot's header records besides the particles.
 *
 * @param redshift z of the snapshot
 * @param omegaM Ω_m
 * @param omegaLambda Ω_Λ
 * @param hubble h
 * @param provenanceJson provenance manifest (JSON) stored as the /Loupe attribute "provenance"
 * @param parameters further numeric /Parameters attributes under GADGET-4's names (Sigma8,
 *        PrimordialIndex, OmegaBaryon, Seed), so a data manifest can be made from the files alone
 */
public record SnapshotMeta(double redshift, double omegaM, double omegaLambda, double hubble, String provenanceJson,
                           Map<String, Double> parameters) {

    public SnapshotMeta {
        parameters = parameters == null ? Map.of() : new java.util.TreeMap<>(parameters);
    }

    /** Without further parameters. */
    public SnapshotMeta(double redshift, double omegaM, double omegaLambda, double hubble, String provenanceJson) {
        this(redshift, omegaM, omegaLambda, hubble, provenanceJson, Map.of());
    }
}
