package org.loupe.mesh;

/** What the values of a {@link Grid} are, and in which units. */
public enum GridKind {
    /** Mass per cell in 1e10 Msun/h. */
    MASS,
    /** Density contrast δ = ρ/ρ̄ − 1 (dimensionless). */
    DENSITY_CONTRAST,
    /** Lagrangian displacement Ψ(q) = x − q, minimum image, 3 channels, Mpc/h. */
    DISPLACEMENT,
    /** Peculiar velocity on the lattice, 3 channels, km/s. */
    VELOCITY,
    /** Anything else (e.g. a network output before its units are restored). */
    OTHER
}
