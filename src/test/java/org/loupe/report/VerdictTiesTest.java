package org.loupe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.Window;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.PowerMeta;
import org.loupe.stats.PowerResult;

/** Issue #25, item 4: a tie with LR (an SR box equal to LR) is not a win in the verdict. */
class VerdictTiesTest {

    private static final double[] K = {0.1, 0.2, 0.3};
    private static final PowerMeta META = new PowerMeta(64, 16, Window.CIC, true, true, 0, 4096, 64, false, 1, 2, List.of());

    private static Dataset box(String name, double[] pk, double[] r) {
        long[] modes = {10, 20, 30};
        double[] zero = new double[3];
        PowerResult p = new PowerResult(META, K, pk, zero, zero, modes);
        CrossPowerResult x = r == null ? null : new CrossPowerResult(META, META, K, pk, pk, pk, r, r, modes);
        return new Dataset(name, Dataset.Role.SR, p, 0, x, null, null, null, null);
    }

    @Test
    void srEqualToLrIsTheSameNotCloserOrBetter() {
        Dataset hr = box("HR", new double[] {100, 50, 20}, null);
        Dataset lr = box("LR", new double[] {90, 40, 10}, new double[] {0.99, 0.9, 0.5});
        Dataset same = box("SR", new double[] {90, 40, 10}, new double[] {0.99, 0.9, 0.5});
        assertEquals("the same as LR in P(k) at every k <= 1.00 h/Mpc (no difference beyond rounding)",
                Verdicts.powerVsLr(same, lr, hr, 1.0));
        assertEquals("the same as LR in r(k) in every bin (no difference beyond rounding)", Verdicts.correlationVsLr(same, lr, 1.0));
        Dataset rounded = box("SR", new double[] {90 * (1 + 1e-8), 40, 10}, new double[] {0.99 + 1e-9, 0.9, 0.5});
        assertTrue(Verdicts.powerVsLr(rounded, lr, hr, 1.0).startsWith("the same"), "rounding is a tie");
        Dataset better = box("SR", new double[] {95, 45, 15}, new double[] {0.995, 0.95, 0.6});
        assertEquals("closer to HR than LR in P(k) at every k <= 1.00 h/Mpc", Verdicts.powerVsLr(better, lr, hr, 1.0));
        assertEquals("better than LR in r(k) in every bin", Verdicts.correlationVsLr(better, lr, 1.0));
        Dataset partly = box("SR", new double[] {95, 40, 15}, new double[] {0.995, 0.9, 0.6});
        assertEquals("better than LR in r(k) in 2 of 3 bins, the same in 1", Verdicts.correlationVsLr(partly, lr, 1.0));
    }
}
