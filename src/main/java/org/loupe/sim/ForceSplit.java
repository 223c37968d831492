package org.loupe.sim;

import org.apache.commons.math3.special.Erf;

/**
 * The Gaussian split of Newtonian gravity between a mesh and direct sums, as in GADGET-4's TreePM
 * (Springel 2005): the mesh carries φ_long(k) = φ(k)·exp(−k² r_s²), the pairs carry the rest,
 * F_short(r) = F_Newton(r)·[erfc(r / 2r_s) + r / (r_s √π) · exp(−r² / 4r_s²)], cut at r_cut.
 * Past the cut the short part is dropped (at GADGET-4's r_cut = 4.5 r_s it is 1.8 % of Newton's
 * force there), which is the only place where mesh + pairs miss Newton beyond mesh anisotropy.
 *
 * @param splitMpcH r_s (Mpc/h)
 * @param cutMpcH r_cut (Mpc/h), where the pair sum stops
 * @param softeningMpcH Plummer-equivalent softening ε (Mpc/h); the force is GADGET's cubic-spline
 *                      softened one with h = 2.8 ε, Newtonian beyond h
 */
public record ForceSplit(double splitMpcH, double cutMpcH, double softeningMpcH) {

    /** GADGET's spline kernel reaches Newton at h = 2.8 ε (Plummer-equivalent softening). */
    public static final double SPLINE_PER_PLUMMER = 2.8;

    public ForceSplit {
        if (!(splitMpcH > 0) || !(cutMpcH > 0) || !(softeningMpcH >= 0)) {
            throw new IllegalArgumentException("force split needs r_s > 0, r_cut > 0, softening >= 0");
        }
    }

    /** The fraction of Newton's pair force that the pairs carry at separation r (before the cut). */
    public double shortRangeFraction(double rMpcH) {
        double x = rMpcH / (2 * splitMpcH);
        return Erf.erfc(x) + rMpcH / (splitMpcH * Math.sqrt(Math.PI)) * Math.exp(-x * x);
    }

    /** The mesh's filter on the potential at wavenumber k (h/Mpc). */
    public double longRangeFilter(double kHMpc) {
        return Math.exp(-kHMpc * kHMpc * splitMpcH * splitMpcH);
    }

    /** Spline softening length h = 2.8 ε (Mpc/h); the force is exactly Newtonian beyond it. */
    public double splineMpcH() {
        return SPLINE_PER_PLUMMER * softeningMpcH;
    }

    /**
     * f(r) with F = f(r)·(x_j − x_i) per unit of G·m_j: 1/r³ beyond h, GADGET-4's cubic-spline
     * softened value inside (finite at r = 0).
     */
    public double softenedInverseCube(double rMpcH) {
        double h = splineMpcH();
        if (rMpcH >= h) {
            return 1 / (rMpcH * rMpcH * rMpcH);
        }
        double u = rMpcH / h;
        double h3 = 1 / (h * h * h);
        if (u < 0.5) {
            return h3 * (10.666666666667 + u * u * (32.0 * u - 38.4));
        }
        return h3 * (21.333333333333 - 48.0 * u + 38.4 * u * u - 10.666666666667 * u * u * u - 0.066666666667 / (u * u * u));
    }
}
