package org.loupe.report;

import org.loupe.ConfigException;

/**
 * Tolerances and settings of a validation report; {@link #defaults()} holds the defaults of a
 * {@code validate:} section.
 *
 * @param powerTolerance max |P_SR/P_HR − 1| for k ≤ kFractionOfHrNyquist · k_Nyq(HR)
 * @param kFractionOfHrNyquist range of the power test in units of k_Nyq(HR)
 * @param minCorrelation min r_SR(k) for k ≤ k_Nyq(LR)
 * @param sliceThicknessCells cells of the density mesh averaged in the slices
 * @param haloMinHrParticles halos counted in the halo check: at least this many HR particle masses
 * @param haloCountTolerance max |N_SR/N_HR − 1| of those halos
 * @param monopoleTolerance max |P₀/P₀_HR − 1| in redshift space over the power test's k range
 * @param quadrupoleTolerance max |P₂ − P₂_HR| / P₀_HR in redshift space over that range
 */
public record ValidationSpec(double powerTolerance, double kFractionOfHrNyquist, double minCorrelation,
                             int sliceThicknessCells, int haloMinHrParticles, double haloCountTolerance,
                             double monopoleTolerance, double quadrupoleTolerance) {

    /** With the default redshift-space tolerances. */
    public ValidationSpec(double powerTolerance, double kFractionOfHrNyquist, double minCorrelation, int sliceThicknessCells,
                          int haloMinHrParticles, double haloCountTolerance) {
        this(powerTolerance, kFractionOfHrNyquist, minCorrelation, sliceThicknessCells, haloMinHrParticles, haloCountTolerance,
                0.05, 0.10);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public ValidationSpec {
        if (!(powerTolerance > 0 && powerTolerance <= 10)) {
            throw ConfigException.forKey("validate.powerTolerance", "must be in (0, 10], got " + powerTolerance);
        }
        if (!(kFractionOfHrNyquist > 0 && kFractionOfHrNyquist <= 1)) {
            throw ConfigException.forKey("validate.kFractionOfHrNyquist", "must be in (0, 1], got " + kFractionOfHrNyquist);
        }
        if (!(minCorrelation >= -1 && minCorrelation <= 1)) {
            throw ConfigException.forKey("validate.minCorrelation", "must be in [-1, 1], got " + minCorrelation);
        }
        ConfigException.checkRange("validate.sliceThicknessCells", sliceThicknessCells, 1, 1024);
        ConfigException.checkRange("validate.haloMinHrParticles", haloMinHrParticles, 20, 1_000_000);
        if (!(haloCountTolerance > 0 && haloCountTolerance <= 10)) {
            throw ConfigException.forKey("validate.haloCountTolerance", "must be in (0, 10], got " + haloCountTolerance);
        }
        if (!(monopoleTolerance > 0 && monopoleTolerance <= 10)) {
            throw ConfigException.forKey("validate.monopoleTolerance", "must be in (0, 10], got " + monopoleTolerance);
        }
        if (!(quadrupoleTolerance > 0 && quadrupoleTolerance <= 10)) {
            throw ConfigException.forKey("validate.quadrupoleTolerance", "must be in (0, 10], got " + quadrupoleTolerance);
        }
    }

    /** 5 % up to half of k_Nyq(HR), r ≥ 0.9 up to k_Nyq(LR), 4-cell slices, halo counts from 50 HR particles within 10 %. */
    public static ValidationSpec defaults() {
        return new ValidationSpec(0.05, 0.5, 0.9, 4, 50, 0.1, 0.05, 0.10);
    }
}
