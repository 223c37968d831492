package org.loupe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue #23: the comparison with trilinear weighs P(k), r(k), the halo count and the mass function; floors are compared too. */
class VerdictWeighsEveryCheckTest {

    private static ValidationReport report(double srP, double srR, double srHalos, double triHalos) {
        List<ValidationReport.Check> checks = new ArrayList<>();
        checks.add(new ValidationReport.Check(Checks.POWER, "SR", true, false, srP, 0.05, ""));
        checks.add(new ValidationReport.Check(Checks.CORRELATION, "SR", true, true, srR, 0.9, ""));
        checks.add(new ValidationReport.Check(Checks.HALOS, "SR", true, false, srHalos, 0.1, ""));
        checks.add(new ValidationReport.Check(Checks.POWER, ValidationReport.TRILINEAR, false, false, 0.08, 0.05, ""));
        checks.add(new ValidationReport.Check(Checks.CORRELATION, ValidationReport.TRILINEAR, false, true, 0.97, 0.9, ""));
        checks.add(new ValidationReport.Check(Checks.HALOS, ValidationReport.TRILINEAR, false, false, triHalos, 0.1, ""));
        checks.add(new ValidationReport.Check(Checks.POWER, "twin", false, true, 0.011, 0.05, ""));
        checks.add(new ValidationReport.Check(Checks.HALOS, "twin", false, true, 0.02, 0.1, ""));
        return new ValidationReport(Map.of(), ValidationSpec.defaults(), 1, 2, Map.of(), Map.of(), checks, Map.of());
    }

    @Test
    void fewerHaloesThanTrilinearIsNotBeatingTrilinear() {
        String v = Verdicts.versusTrilinear(report(0.055, 0.98, 0.51, 0.49), "SR");
        assertTrue(v.startsWith("beats trilinear in P(k) and r(k) but not in halo count"), v);
        assertTrue(v.contains("halo count off by 51 % vs 49 %"), v);
        String all = Verdicts.versusTrilinear(report(0.055, 0.98, 0.2, 0.49), "SR");
        assertTrue(all.startsWith("beats trilinear ("), all);
        String none = Verdicts.versusTrilinear(report(0.09, 0.96, 0.6, 0.49), "SR");
        assertTrue(none.startsWith("no better than trilinear"), none);
    }

    @Test
    void theFloorIsComparedCheckByCheck() {
        assertEquals("against the floor twin: P(k) 5.5 % vs 1.1 % (+4.4 points), halo count 51.0 % vs 2.0 % (+49.0 points)",
                Verdicts.versusFloor(report(0.055, 0.98, 0.51, 0.49), "SR", "twin"));
    }
}
