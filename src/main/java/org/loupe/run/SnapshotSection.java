package org.loupe.run;

import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.VelocityConvention;

/**
 * The {@code snapshot:} section of a config: overrides of what the reader detects.
 *
 * @param particleType PartTypeN to read (default 1)
 * @param lengthUnitCm stored length unit in cm (kpc/h = 3.085678e21, Mpc/h = 3.085678e24); omit to detect
 * @param velocityConvention "gadget" (u = v/√a) or "peculiar"; omit to detect
 */
public record SnapshotSection(Integer particleType, Double lengthUnitCm, String velocityConvention) {

    public ReadOptions toReadOptions() {
        return new ReadOptions(particleType == null ? 1 : particleType,
                lengthUnitCm == null ? Double.NaN : lengthUnitCm,
                velocityConvention == null ? null : VelocityConvention.parse(velocityConvention), true);
    }
}
