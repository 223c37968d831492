package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TileCicTest {

    private static final int O = 6;

    @Test
    void anUndisplacedTilePaintsOnePerCell() {
        double[] rho = new double[O * O * O];
        TileCic.paint(new double[O * O * O * 3], 0, 3, O, 1.0, rho);
        for (double r : rho) {
            assertEquals(1.0, r, 0.0);
        }
    }

    /** On a mesh f times finer: mean 1 per fine cell, and the adjoint is the derivative of the painting. */
    @Test
    void aFinerMeshConservesMassAndItsAdjointIsTheDerivative() {
        int fine = 4;
        int g = fine * O;
        SplittableRandom r = new SplittableRandom(5);
        double[] psi = new double[O * O * O * 3];
        for (int s = 0; s < O * O * O; s++) {
            int x = s / (O * O);
            int y = (s / O) % O;
            int z = s % O;
            boolean interior = x > 0 && y > 0 && z > 0 && x < O - 2 && y < O - 2 && z < O - 2;
            for (int a = 0; a < 3; a++) {
                psi[s * 3 + a] = interior ? r.nextDouble(-0.9, 0.9) : 0;
            }
        }
        double[] rho = new double[g * g * g];
        TileCic.paint(psi, 0, 3, O, 1.0, fine, rho);
        double sum = 0;
        for (double v : rho) {
            sum += v;
        }
        assertEquals((double) O * O * O * fine * fine * fine, sum, 1e-6, "mass f^3 per particle: mean 1 per fine cell");
        // L = Σ c_i ρ_i with random c: dL/dψ from the adjoint against central differences.
        double[] c = new double[g * g * g];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextDouble(-1, 1);
        }
        double[] grad = new double[psi.length];
        TileCic.adjoint(psi, 0, 3, O, 1.0, fine, c, grad);
        for (int probe : new int[] {3 * 43, 3 * 86 + 1, 3 * 129 + 2}) {
            double h = 1e-6;
            double[] up = psi.clone();
            double[] down = psi.clone();
            up[probe] += h;
            down[probe] -= h;
            double[] ru = new double[g * g * g];
            double[] rd = new double[g * g * g];
            TileCic.paint(up, 0, 3, O, 1.0, fine, ru);
            TileCic.paint(down, 0, 3, O, 1.0, fine, rd);
            double lu = 0;
            double ld = 0;
            for (int i = 0; i < c.length; i++) {
                lu += c[i] * ru[i];
                ld += c[i] * rd[i];
            }
            assertEquals((lu - ld) / (2 * h), grad[probe], 1e-4 * Math.max(1, Math.abs(grad[probe])), "component " + probe);
        }
    }

    @Test
    void massIsConservedWhileNoParticleLeavesAndShiftsByHand() {
        // Every particle moved by +0.25 cell along z: interior cells keep 1, the first z plane
        // gets 0.75, and the mass of the last plane's particles partly leaves the tile.
        double[] psi = new double[O * O * O * 3];
        for (int r = 0; r < O * O * O; r++) {
            psi[r * 3 + 2] = 0.5;   // 0.5 units × 0.5 cells/unit = 0.25 cell
        }
        double[] rho = new double[O * O * O];
        TileCic.paint(psi, 0, 3, O, 0.5, rho);
        assertEquals(0.75, rho[0], 1e-12);
        assertEquals(1.0, rho[3], 1e-12);
        double total = 0;
        for (double r : rho) {
            total += r;
        }
        assertEquals(O * O * O - 0.25 * O * O, total, 1e-9, "a quarter of the last plane leaves");
        // Random interior displacements (|ψ| < 1 cell, sites at least one cell from the faces): Σρ = count.
        SplittableRandom g = new SplittableRandom(3);
        double[] inner = new double[O * O * O * 3];
        int count = 0;
        for (int r = 0; r < O * O * O; r++) {
            int x = r / (O * O);
            int y = (r / O) % O;
            int z = r % O;
            boolean interior = x > 0 && y > 0 && z > 0 && x < O - 2 && y < O - 2 && z < O - 2;
            for (int a = 0; a < 3; a++) {
                inner[r * 3 + a] = interior ? g.nextDouble(-0.9, 0.9) : 0;
            }
            count++;
        }
        TileCic.paint(inner, 0, 3, O, 1.0, rho);
        double sum = 0;
        for (double r : rho) {
            sum += r;
        }
        assertEquals(count, sum, 1e-9);
    }

    @Test
    void adjointMatchesFiniteDifferencesOfAWeightedDensity() {
        SplittableRandom g = new SplittableRandom(11);
        int stride = 4;                       // a fourth, unused channel: the layout honours the stride
        int rows = 2 * O * O * O;             // two tiles back to back; paint the second
        double[] psi = new double[rows * stride];
        for (int i = 0; i < psi.length; i++) {
            psi[i] = g.nextDouble(-1.5, 1.5);
        }
        double[] weights = new double[O * O * O];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = g.nextGaussian();
        }
        double[] grad = new double[rows * stride];
        TileCic.adjoint(psi, O * O * O, stride, O, 0.8, weights, grad);
        double h = 1e-6;
        double[] rho = new double[O * O * O];
        for (int t = 0; t < 60; t++) {
            int r = O * O * O + g.nextInt(O * O * O);
            int a = g.nextInt(3);
            int i = r * stride + a;
            double x0 = psi[i];
            psi[i] = x0 + h;
            TileCic.paint(psi, O * O * O, stride, O, 0.8, rho);
            double up = dot(weights, rho);
            psi[i] = x0 - h;
            TileCic.paint(psi, O * O * O, stride, O, 0.8, rho);
            double dn = dot(weights, rho);
            psi[i] = x0;
            assertEquals((up - dn) / (2 * h), grad[i], 1e-6, "site " + r + " component " + a);
        }
        for (int r = 0; r < O * O * O; r++) {
            assertEquals(0.0, grad[r * stride], 0.0, "the first tile is untouched");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
