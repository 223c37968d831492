package org.loupe.snapshot;

/**
 * What to read and which detected conventions to override.
 *
 * @param particleType the PartTypeN group to read (1 = dark matter in GADGET)
 * @param lengthUnitCm overrides the detected length unit (cm per stored unit), or NaN to detect
 * @param velocityConvention overrides the detected velocity convention, or null to detect
 * @param readVelocities whether to read velocities
 * @param latticeOffsetCells the Lagrangian site offset of the particle lattice in cells (0 = corner,
 *        0.5 = centre), or NaN to detect it from the mean displacement
 */
public record ReadOptions(int particleType, double lengthUnitCm, VelocityConvention velocityConvention,
                          boolean readVelocities, double latticeOffsetCells) {

    public ReadOptions(int particleType, double lengthUnitCm, VelocityConvention velocityConvention, boolean readVelocities) {
        this(particleType, lengthUnitCm, velocityConvention, readVelocities, Double.NaN);
    }

    /** Dark matter (PartType1), everything detected, velocities read. */
    public static ReadOptions defaults() {
        return new ReadOptions(1, Double.NaN, null, true);
    }

    public ReadOptions withParticleType(int type) {
        return new ReadOptions(type, lengthUnitCm, velocityConvention, readVelocities, latticeOffsetCells);
    }

    public ReadOptions withoutVelocities() {
        return new ReadOptions(particleType, lengthUnitCm, velocityConvention, false, latticeOffsetCells);
    }
}
