package org.loupe.cosmology;

import org.loupe.ConfigException;

/**
 * ΛCDM parameters. Ω_Λ is given explicitly so that curved models are possible; for a flat model
 * use {@link #flat}.
 *
 * @param omegaM matter density today Ω_m (CDM + baryons)
 * @param omegaLambda Ω_Λ
 * @param omegaB baryon density Ω_b (for the transfer function)
 * @param h dimensionless Hubble constant
 * @param sigma8 rms linear density contrast in 8 Mpc/h spheres today
 * @param ns primordial spectral index
 * @param omegaR radiation density today (0 to ignore radiation)
 */
public record Cosmology(double omegaM, double omegaLambda, double omegaB, double h, double sigma8, double ns,
                        double omegaR) {

    /** H0 in km/s/(Mpc/h). */
    public static final double H0_KMS_PER_MPCH = 100.0;

    public Cosmology {
        require(omegaM > 0 && omegaM <= 2, "omegaM", omegaM);
        require(omegaLambda >= 0 && omegaLambda < 2, "omegaLambda", omegaLambda);
        require(omegaB >= 0 && omegaB < omegaM, "omegaB (must be below omegaM)", omegaB);
        require(h > 0.2 && h < 2, "h", h);
        require(sigma8 > 0 && sigma8 < 5, "sigma8", sigma8);
        require(ns > 0 && ns < 2, "ns", ns);
        require(omegaR >= 0 && omegaR < 0.01, "omegaR", omegaR);
    }

    /** A flat model: Ω_Λ = 1 − Ω_m − Ω_r. */
    public static Cosmology flat(double omegaM, double omegaB, double h, double sigma8, double ns) {
        return new Cosmology(omegaM, 1 - omegaM, omegaB, h, sigma8, ns, 0);
    }

    /** The cosmology of the GADGET-4 reference runs the tests use (Planck-like). */
    public static Cosmology referenceRuns() {
        return new Cosmology(0.31, 0.69, 0.049, 0.68, 0.81, 0.965, 0);
    }

    /** Curvature Ω_k = 1 − Ω_m − Ω_Λ − Ω_r. */
    public double omegaK() {
        return 1 - omegaM - omegaLambda - omegaR;
    }

    /** E²(a) = H²/H0². */
    public double e2(double a) {
        return omegaR / (a * a * a * a) + omegaM / (a * a * a) + omegaK() / (a * a) + omegaLambda;
    }

    /** H(a) in km/s/(Mpc/h). */
    public double hubble(double a) {
        return H0_KMS_PER_MPCH * Math.sqrt(e2(a));
    }

    /** d ln H / d ln a. */
    public double dlnHdlna(double a) {
        double de2 = -4 * omegaR / (a * a * a * a) - 3 * omegaM / (a * a * a) - 2 * omegaK() / (a * a);
        return 0.5 * de2 / e2(a);
    }

    /** Ω_m(a). */
    public double omegaMatter(double a) {
        return omegaM / (a * a * a) / e2(a);
    }

    private static void require(boolean ok, String name, double v) {
        if (!ok) {
            throw new ConfigException("cosmology." + name + " = " + v + " is outside the physical range");
        }
    }
}
