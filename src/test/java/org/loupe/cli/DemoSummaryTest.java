package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    private static String check(String dataset, String kind, double measured, String detail) {
        return "{\"dataset\":\"" + dataset + "\",\"kind\":\"" + kind + "\",\"measured\":" + measured + ",\"detail\":\"" + detail + "\"}";
    }

    @Test
    void saysWhichBoxesMetTheGoalWhichDidNotAndHowTheyCompareWithTheBaselines() throws Exception {
        String json = "{\"spec\":{\"powerTolerance\":0.05,\"kFractionOfHrNyquist\":0.5},\"kNyqHr\":3.14,"
                + "\"verdicts\":{\"trained\":\"...\",\"sr-x2\":\"...\"},\"checks\":["
                + String.join(",", check("LR", "P(k)", 0.028, ""), check("trilinear", "P(k)", 0.24, ""), check("trained", "P(k)", 0.11, ""),
                        check("sr-x2", "P(k)", 0.04, ""), check("LR", "halo count", 0.9, "(ratio 0.10)"),
                        check("trained", "halo count", 0.4, "(ratio 0.60)"), check("sr-x2", "halo count", 0.3, "(ratio 0.70)"))
                + "]}";
        List<String> s = DemoSummary.sentences(new ObjectMapper().readTree(json));
        assertEquals(List.of(
                "Worked: sr-x2 (4.0 %) matched the HR power spectrum within 5 % (shot noise subtracted, up to k = 1.57 h/Mpc;"
                        + " LR is 2.8 % off, trilinear 24.0 %).",
                "Did not work: trained (11.0 %) missed the 5 % power-spectrum goal.",
                "trained and sr-x2 beat the trilinear baseline in P(k); halos of at least 50 HR particles, as a fraction of HR's:"
                        + " trained 0.60, sr-x2 0.70 (LR 0.10)."), s);
    }
}
