package org.loupe.run;

import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.VelocityConvention;

/**
 * The {@code snapshot:} section of a config: overrides of what the reader detects.
 *
 * @param particleType PartTypeN to read (default 1)
 * @param lengthUnitCm stored length unit in cm (kpc/h = 3.085678e21, Mpc/h = 3.085678e24); omit to detect
 * @param velocityConvention "gadget" (u = v/√a) or "peculiar"; omit to detect
 * @param latticeOffset "corner" (sites at i·L/N), "centre" (at (i + ½)·L/N) or "auto"; omit to detect
 */
public record SnapshotSection(Integer particleType, Double lengthUnitCm, String velocityConvention, String latticeOffset) {

    /** GADGET's particle types: PartType0 … PartType5. */
    public static final int MAX_PARTICLE_TYPE = 5;

    public SnapshotSection {
        if (particleType != null) {
            org.loupe.ConfigException.checkRange("snapshot.particleType", particleType, 0, MAX_PARTICLE_TYPE);
        }
    }

    public ReadOptions toReadOptions() {
        return new ReadOptions(particleType == null ? 1 : particleType,
                lengthUnitCm == null ? Double.NaN : lengthUnitCm,
                velocityConvention == null ? null : VelocityConvention.parse(velocityConvention), true,
                latticeOffsetCells(latticeOffset));
    }

    /** NaN (detect), 0 or 0.5 for the config's word. */
    static double latticeOffsetCells(String word) {
        if (word == null) {
            return Double.NaN;
        }
        return switch (word.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Double.NaN;
            case "corner" -> 0.0;
            case "centre", "center" -> 0.5;
            default -> throw new org.loupe.ConfigException("snapshot.latticeOffset must be corner, centre or auto, got '"
                    + word + "'");
        };
    }
}
