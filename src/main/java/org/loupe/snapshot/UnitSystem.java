package org.loupe.snapshot;

/**
 * Conversion of a file's stored quantities into Loupe's internal units: comoving Mpc/h, peculiar
 * km/s and 1e10 Msun/h.
 *
 * @param lengthUnitCm the file's length unit in cm (GADGET: per h; SWIFT: h-free)
 * @param hFree true when quantities carry no 1/h (SWIFT)
 * @param hubble h, used to restore Mpc/h from h-free values
 * @param velocityUnitCmS the file's velocity unit in cm/s
 * @param massUnitG the file's mass unit in g
 * @param velocityConvention how velocities are stored
 */
public record UnitSystem(double lengthUnitCm, boolean hFree, double hubble, double velocityUnitCmS,
                         double massUnitG, VelocityConvention velocityConvention) {

    /** One megaparsec in cm (the value GADGET's parameter files use). */
    public static final double MPC_CM = 3.085678e24;
    /** 1e10 solar masses in g (GADGET's default mass unit). */
    public static final double MASS_1E10_MSUN_G = 1.989e43;

    /** Factor that turns a stored length into comoving Mpc/h. */
    public double lengthToMpcH() {
        double mpc = lengthUnitCm / MPC_CM;
        return hFree ? mpc * hubble : mpc;
    }

    /** Factor that turns a stored mass into 1e10 Msun/h. */
    public double massTo1e10MsunH() {
        double m = massUnitG / MASS_1E10_MSUN_G;
        return hFree ? m * hubble : m;
    }

    /** Factor that turns a stored velocity into peculiar km/s at scale factor a. */
    public double velocityToKmS(double scaleFactor) {
        double kms = velocityUnitCmS / 1e5;
        return velocityConvention == VelocityConvention.SQRT_A ? kms * Math.sqrt(scaleFactor) : kms;
    }

    /** "Mpc/h", "kpc/h" or the factor, for humans. */
    public String lengthUnitName() {
        double f = lengthToMpcH();
        String suffix = hFree ? " (h-free in file)" : "";
        if (Math.abs(f - 1.0) < 1e-4 && !hFree) {
            return "Mpc/h";
        }
        if (Math.abs(f - 1e-3) < 1e-7 && !hFree) {
            return "kpc/h";
        }
        return String.format(java.util.Locale.ROOT, "%.6g cm%s", lengthUnitCm, suffix);
    }
}
