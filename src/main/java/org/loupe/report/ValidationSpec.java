package org.loupe.report;

/**
 * Tolerances and settings of a validation report.
 *
 * @param powerTolerance max |P_SR/P_HR − 1| for k ≤ kFractionOfHrNyquist · k_Nyq(HR) (default 0.05)
 * @param kFractionOfHrNyquist range of the power test in units of k_Nyq(HR) (default 0.5)
 * @param minCorrelation min r_SR(k) for k ≤ k_Nyq(LR) (default 0.9)
 * @param sliceThicknessCells cells of the density mesh averaged in the slices (default 4)
 */
public record ValidationSpec(double powerTolerance, double kFractionOfHrNyquist, double minCorrelation,
                             int sliceThicknessCells) {

    public ValidationSpec {
        if (powerTolerance == 0) {
            powerTolerance = 0.05;
        }
        if (kFractionOfHrNyquist == 0) {
            kFractionOfHrNyquist = 0.5;
        }
        if (minCorrelation == 0) {
            minCorrelation = 0.9;
        }
        if (sliceThicknessCells == 0) {
            sliceThicknessCells = 4;
        }
    }

    public static ValidationSpec defaults() {
        return new ValidationSpec(0, 0, 0, 0);
    }
}
