package org.loupe.sim;

import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/**
 * Particles on an N³ corner lattice (IDs from 1 in C order, like GADGET-4's NGenIC) moved by
 * LPT: x = q + D₁Ψ₁ + D₂Ψ₂ at scale factor a, with FastPM momentum p = a²E (D₁f₁Ψ₁ + D₂f₂Ψ₂).
 */
public final class InitialConditions {

    private InitialConditions() {
    }

    /**
     * @param psi1 first-order displacement per unit D₁ (3 × N³)
     * @param psi2 second-order displacement per unit D₂ (3 × N³), or null for Zel'dovich
     */
    public static PmState atScaleFactor(int n, double boxMpcH, float[] psi1, float[] psi2, Cosmology c, Growth g,
                                        double a) {
        int cells = n * n * n;
        double d1 = g.d1(a);
        double d2 = psi2 == null ? 0 : g.d2(a);
        double e = Math.sqrt(c.e2(a));
        double v1 = a * a * e * d1 * g.f1(a);
        double v2 = psi2 == null ? 0 : a * a * e * d2 * g.f2(a);
        Box box = new Box(boxMpcH);
        double h = boxMpcH / n;
        float[] pos = new float[3 * cells];
        float[] mom = new float[3 * cells];
        long[] ids = new long[cells];
        for (int site = 0; site < cells; site++) {
            int[] q = {site / (n * n), (site / n) % n, site % n};
            for (int axis = 0; axis < 3; axis++) {
                double s1 = psi1[axis * cells + site];
                double s2 = psi2 == null ? 0 : psi2[axis * cells + site];
                pos[3 * site + axis] = box.wrap((float) (q[axis] * h + d1 * s1 + d2 * s2));
                mom[3 * site + axis] = (float) (v1 * s1 + v2 * s2);
            }
            ids[site] = site + 1L;
        }
        // Mean density Ω_m ρ_crit: 27.7536627 × 1e10 Msun/h per (Mpc/h)³ × Ω_m, shared equally.
        double particleMass = 27.7536627 * c.omegaM() * Math.pow(boxMpcH, 3) / cells;
        return new PmState(new Particles(box, pos, null, ids, particleMass, null), mom, a);
    }
}
