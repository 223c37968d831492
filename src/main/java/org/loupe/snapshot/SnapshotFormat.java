package org.loupe.snapshot;

/** The code family a snapshot comes from, detected from its groups and attributes. */
public enum SnapshotFormat {
    /** GADGET-2/3 and compatible writers (Quijote, CAMELS): everything in /Header. */
    GADGET,
    /** GADGET-4: /Parameters and /Config groups, header arrays of length NTYPES. */
    GADGET4,
    /** AREPO: GADGET-like with /Config and /Parameters and AREPO-specific header fields. */
    AREPO,
    /** SWIFT: /Cosmology, /Units, h-free quantities, peculiar velocities. */
    SWIFT
}
