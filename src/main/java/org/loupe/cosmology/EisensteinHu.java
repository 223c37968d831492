package org.loupe.cosmology;

/**
 * Eisenstein &amp; Hu (1998, ApJ 496, 605) transfer functions: the full fit with baryon acoustic
 * wiggles (their eqs. 2–24) and the zero-wiggle fit (eqs. 26–31) that GADGET-4's NGenIC uses for
 * {@code PowerSpectrumType 1}. Wavenumbers in h/Mpc.
 */
public final class EisensteinHu {

    private final double h;
    private final double fBaryon;
    private final double omhh;
    private final double obhh;
    private final double theta;
    // Wiggle-fit constants.
    private final double kEquality;
    private final double soundHorizon;
    private final double kSilk;
    private final double alphaC;
    private final double betaC;
    private final double alphaB;
    private final double betaB;
    private final double betaNode;
    // Zero-wiggle constants.
    private final double alphaGamma;
    private final double soundHorizonFit;

    /**
     * @param c cosmology (Ω_m, Ω_b, h)
     * @param tCmbKelvin CMB temperature (GADGET-4 uses 2.728 K)
     */
    public EisensteinHu(Cosmology c, double tCmbKelvin) {
        h = c.h();
        omhh = c.omegaM() * h * h;
        obhh = c.omegaB() * h * h;
        fBaryon = c.omegaB() / c.omegaM();
        theta = tCmbKelvin / 2.7;
        double t2 = theta * theta;
        double t4 = t2 * t2;
        double zEquality = 2.50e4 * omhh / t4;
        kEquality = 0.0746 * omhh / t2;
        double b1 = 0.313 * Math.pow(omhh, -0.419) * (1 + 0.607 * Math.pow(omhh, 0.674));
        double b2 = 0.238 * Math.pow(omhh, 0.223);
        double zDrag = 1291 * Math.pow(omhh, 0.251) / (1 + 0.659 * Math.pow(omhh, 0.828)) * (1 + b1 * Math.pow(obhh, b2));
        double rDrag = 31.5 * obhh / t4 * (1000 / (1 + zDrag));
        double rEquality = 31.5 * obhh / t4 * (1000 / zEquality);
        soundHorizon = 2 / (3 * kEquality) * Math.sqrt(6 / rEquality)
                * Math.log((Math.sqrt(1 + rDrag) + Math.sqrt(rDrag + rEquality)) / (1 + Math.sqrt(rEquality)));
        kSilk = 1.6 * Math.pow(obhh, 0.52) * Math.pow(omhh, 0.73) * (1 + Math.pow(10.4 * omhh, -0.95));
        double a1 = Math.pow(46.9 * omhh, 0.670) * (1 + Math.pow(32.1 * omhh, -0.532));
        double a2 = Math.pow(12.0 * omhh, 0.424) * (1 + Math.pow(45.0 * omhh, -0.582));
        alphaC = Math.pow(a1, -fBaryon) * Math.pow(a2, -fBaryon * fBaryon * fBaryon);
        double bc1 = 0.944 / (1 + Math.pow(458 * omhh, -0.708));
        double bc2 = Math.pow(0.395 * omhh, -0.0266);
        betaC = 1 / (1 + bc1 * (Math.pow(1 - fBaryon, bc2) - 1));
        double y = zEquality / (1 + zDrag);
        double sq = Math.sqrt(1 + y);
        double g = y * (-6 * sq + (2 + 3 * y) * Math.log((sq + 1) / (sq - 1)));
        alphaB = 2.07 * kEquality * soundHorizon * Math.pow(1 + rDrag, -0.75) * g;
        betaNode = 8.41 * Math.pow(omhh, 0.435);
        betaB = 0.5 + fBaryon + (3 - 2 * fBaryon) * Math.sqrt(Math.pow(17.2 * omhh, 2) + 1);

        alphaGamma = 1 - 0.328 * Math.log(431 * omhh) * fBaryon + 0.38 * Math.log(22.3 * omhh) * fBaryon * fBaryon;
        soundHorizonFit = 44.5 * Math.log(9.83 / omhh) / Math.sqrt(1 + 10 * Math.pow(obhh, 0.75));
    }

    /** Zero-wiggle transfer function T(k) (EH98 eqs. 26–31). */
    public double noWiggle(double kHMpc) {
        double k = kHMpc * h; // 1/Mpc
        double omh = omhh / h;
        double gammaEff = omh * (alphaGamma + (1 - alphaGamma) / (1 + Math.pow(0.43 * k * soundHorizonFit, 4)));
        double q = kHMpc * theta * theta / gammaEff;
        double l0 = Math.log(2 * Math.E + 1.8 * q);
        double c0 = 14.2 + 731.0 / (1 + 62.5 * q);
        return l0 / (l0 + c0 * q * q);
    }

    /** Full transfer function with baryon acoustic oscillations (EH98 eqs. 16–24). */
    public double withWiggles(double kHMpc) {
        double k = Math.max(kHMpc * h, 1e-12); // 1/Mpc
        double q = k / (13.41 * kEquality);
        double xx = k * soundHorizon;
        double f = 1 / (1 + Math.pow(xx / 5.4, 4));
        double tc = f * t0(q, 1, betaC) + (1 - f) * t0(q, alphaC, betaC);
        double sTilde = soundHorizon / Math.cbrt(1 + Math.pow(betaNode / xx, 3));
        double xxTilde = k * sTilde;
        double tb = (t0(q, 1, 1) / (1 + Math.pow(xx / 5.2, 2))
                + alphaB / (1 + Math.pow(betaB / xx, 3)) * Math.exp(-Math.pow(k / kSilk, 1.4)))
                * Math.sin(xxTilde) / xxTilde;
        return fBaryon * tb + (1 - fBaryon) * tc;
    }

    private static double t0(double q, double alpha, double beta) {
        double l = Math.log(Math.E + 1.8 * beta * q);
        double c = 14.2 / alpha + 386.0 / (1 + 69.9 * Math.pow(q, 1.08));
        return l / (l + c * q * q);
    }
}
