package org.loupe.report;

import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.MassFunction;
import org.loupe.stats.PowerResult;
import org.loupe.stats.SeamMetric;

/**
 * One box of a validation report and what was measured on it.
 *
 * @param name as the report shows it (LR, trilinear, HR, or the SR input's name)
 * @param role what it is there for
 * @param power auto power (CIC, interlaced, compensated; shot noise not subtracted)
 * @param shotNoise its shot noise L³/N, (Mpc/h)³
 * @param vsHr cross power with HR (first field this box), or null without HR or for HR itself
 * @param massFunction FoF mass function on the report's shared bins
 * @param seam seam metric (SR boxes with a known tiling and an HR box), or null
 * @param seamNote why there is no seam metric, or null
 * @param redshiftSpace redshift-space monopole (in {@code pk}, shot noise not subtracted) and
 *        quadrupole ({@code p2}), averaged over the three axes as lines of sight; null for a box
 *        without velocities or a report without the Hubble rate
 */
public record Dataset(String name, Role role, PowerResult power, double shotNoise, CrossPowerResult vsHr,
                      MassFunction massFunction, SeamMetric seam, String seamNote, PowerResult redshiftSpace) {

    /** Why a box is in the report. */
    public enum Role {
        /** the LR input: what SR must improve on */
        CONTROL,
        /** trilinear interpolation of LR, made by validate: what a model must beat */
        BASELINE,
        /** a super-resolved box: judged */
        SR,
        /** the HR run: the truth */
        REFERENCE,
        /** an HR twin (same modes up to the LR Nyquist frequency, new ones above): what a perfect model reaches */
        FLOOR
    }

    /** Whether the report's pass/fail verdict depends on this box. */
    public boolean judged() {
        return role == Role.SR;
    }

    /** P(k) minus shot noise per bin. */
    public double[] pkMinusShotNoise() {
        double[] out = new double[power.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = power.pk()[i] - shotNoise;
        }
        return out;
    }
}
