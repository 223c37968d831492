package org.loupe.report;

import java.util.List;
import java.util.Map;

import org.loupe.stats.DensitySlice;

/**
 * Everything a validation measured: every box (LR control, trilinear baseline, SR inputs, HR),
 * the checks with the box each belongs to, and a verdict per SR input. HR-dependent parts are
 * missing without an HR box.
 *
 * @param inputs label → path and sha256 of each input
 * @param spec the tolerances
 * @param kNyqLr k_Nyq of the LR particle lattice (h/Mpc)
 * @param kNyqHr k_Nyq of the HR lattice (h/Mpc)
 * @param datasets name → box, in report order (LR, trilinear, SR inputs, HR)
 * @param slices label → density slice (LR, SR inputs, HR, SR − HR)
 * @param checks named checks with their measured values
 * @param verdicts SR name → one line: how it compares with HR, LR and trilinear
 */
public record ValidationReport(Map<String, Object> inputs, ValidationSpec spec, double kNyqLr, double kNyqHr,
                               Map<String, Dataset> datasets, Map<String, DensitySlice> slices, List<Check> checks,
                               Map<String, String> verdicts) {

    /**
     * @param kind short name of the test (same for every box: the rows of the side-by-side table)
     * @param dataset the box it measures
     * @param judged whether it counts for pass/fail (SR boxes) or is shown for comparison
     * @param passed whether it holds
     * @param measured the worst value found
     * @param limit the tolerance
     * @param detail where the worst value occurs
     */
    public record Check(String kind, String dataset, boolean judged, boolean passed, double measured, double limit,
                        String detail) {
    }

    /** Whether every judged check holds. */
    public boolean passed() {
        return checks.stream().filter(Check::judged).allMatch(Check::passed);
    }

    public Dataset hr() {
        return datasets.get(HR);
    }

    /** Names of the judged (SR) boxes in order. */
    public List<String> srNames() {
        return datasets.values().stream().filter(Dataset::judged).map(Dataset::name).toList();
    }

    /** Names of the floor boxes (HR twins) in order. */
    public List<String> floorNames() {
        return datasets.values().stream().filter(d -> d.role() == Dataset.Role.FLOOR).map(Dataset::name).toList();
    }

    public static final String LR = "LR";
    public static final String TRILINEAR = "trilinear";
    public static final String HR = "HR";

    /** The check of {@code kind} for {@code dataset}, or null when the report has none. */
    public Check check(String dataset, String kind) {
        return checks.stream().filter(c -> c.dataset().equals(dataset) && c.kind().equals(kind)).findFirst().orElse(null);
    }
}
