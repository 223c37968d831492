package org.loupe.report;

import java.util.List;
import java.util.Map;

import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.DensitySlice;
import org.loupe.stats.MassFunction;
import org.loupe.stats.PowerResult;
import org.loupe.stats.SeamMetric;

/**
 * Everything a validation measured. HR-dependent parts are null without an HR box.
 *
 * @param inputs label → path and sha256 of each input
 * @param spec the tolerances
 * @param kNyqLr k_Nyq of the LR particle lattice (h/Mpc)
 * @param kNyqHr k_Nyq of the HR lattice (h/Mpc)
 * @param lr auto power of LR
 * @param sr auto power of SR
 * @param hr auto power of HR, or null
 * @param lrVsHr cross of LR with HR, or null
 * @param srVsHr cross of SR with HR, or null
 * @param slices label → density slice (LR, SR, HR, SR − HR)
 * @param seam seam metric, or null
 * @param massFunctions label → FoF halo mass function (b = 0.2) on shared bins
 * @param checks named pass/fail checks with their measured values
 */
public record ValidationReport(Map<String, Object> inputs, ValidationSpec spec, double kNyqLr, double kNyqHr,
                               PowerResult lr, PowerResult sr, PowerResult hr, CrossPowerResult lrVsHr,
                               CrossPowerResult srVsHr, Map<String, DensitySlice> slices, SeamMetric seam,
                               Map<String, MassFunction> massFunctions, List<Check> checks) {

    /**
     * @param name what is tested
     * @param passed whether it holds
     * @param measured the worst value found
     * @param limit the tolerance
     * @param detail where the worst value occurs
     */
    public record Check(String name, boolean passed, double measured, double limit, String detail) {
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }
}
