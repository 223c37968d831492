package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;
import org.loupe.testing.Catalogues;

/** Windows checked by hand on 4³ grids (L = 4, H = 1), conservation and determinism. */
class MassAssignmentTest {

    private static Particles one(double x, double y, double z) {
        return new Particles(new Box(4.0), new float[] {(float) x, (float) y, (float) z}, null, new long[] {1}, 1.0, null);
    }

    private static float at(float[] g, int i, int j, int k) {
        return g[(i * 4 + j) * 4 + k];
    }

    @Test
    void cicSplitsBetweenTwoNodesPerAxis() {
        float[] g = MassAssignment.paintMass(one(0.25, 0, 0), 4, Window.CIC, 0, 1);
        assertEquals(0.75f, at(g, 0, 0, 0), 1e-7);
        assertEquals(0.25f, at(g, 1, 0, 0), 1e-7);
        assertEquals(1.0, sum(g), 1e-6);
    }

    @Test
    void cicWrapsAtTheBoxEdge() {
        float[] g = MassAssignment.paintMass(one(3.5, 3.5, 3.5), 4, Window.CIC, 0, 1);
        for (int i : new int[] {3, 0}) {
            for (int j : new int[] {3, 0}) {
                for (int k : new int[] {3, 0}) {
                    assertEquals(0.125f, at(g, i, j, k), 1e-7);
                }
            }
        }
    }

    @Test
    void ngpPicksTheNearestNodeWithWrap() {
        float[] g = MassAssignment.paintMass(one(3.6, 0.4, 1.5), 4, Window.NGP, 0, 1);
        assertEquals(1.0f, at(g, 0, 0, 2));
        assertEquals(1.0, sum(g), 0);
    }

    @Test
    void tscOnANodeGivesThreeQuartersInTheMiddle() {
        float[] g = MassAssignment.paintMass(one(0, 0, 0), 4, Window.TSC, 0, 1);
        assertEquals(0.75 * 0.75 * 0.75, at(g, 0, 0, 0), 1e-7);
        assertEquals(0.125 * 0.75 * 0.75, at(g, 3, 0, 0), 1e-7);
        assertEquals(0.125 * 0.75 * 0.75, at(g, 0, 1, 0), 1e-7);
        assertEquals(0.125 * 0.125 * 0.125, at(g, 3, 3, 3), 1e-8);
        assertEquals(0.0, at(g, 2, 0, 0), 0);
    }

    @Test
    void tscOffNodeMatchesThePiecewiseFormula() {
        // x = 1.3: nearest node 1 (d = 0.3): w(0) = ½(0.2)², w(1) = 0.75 − 0.09, w(2) = ½(0.8)².
        float[] g = MassAssignment.paintMass(one(1.3, 0, 0), 4, Window.TSC, 0, 1);
        double wyz = 0.75 * 0.75;
        assertEquals(0.5 * 0.04 * wyz, at(g, 0, 0, 0), 1e-7);
        assertEquals(0.66 * wyz, at(g, 1, 0, 0), 1e-7);
        assertEquals(0.5 * 0.64 * wyz, at(g, 2, 0, 0), 1e-7);
    }

    @Test
    void pcsOnANodeGivesTwoThirdsInTheMiddle() {
        float[] g = MassAssignment.paintMass(one(0, 0, 0), 4, Window.PCS, 0, 1);
        double c = 4.0 / 6;
        double s = 1.0 / 6;
        assertEquals(c * c * c, at(g, 0, 0, 0), 1e-7);
        assertEquals(s * c * c, at(g, 3, 0, 0), 1e-7);
        assertEquals(s * c * c, at(g, 1, 0, 0), 1e-7);
        assertEquals(0.0, at(g, 2, 0, 0), 1e-9);
        assertEquals(1.0, sum(g), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Window.class)
    void massIsConserved(Window w) {
        Particles p = Catalogues.uniform(20000, 10.0, 1);
        float[] g = MassAssignment.paintMass(p, 16, w, 0, 2);
        assertEquals(p.totalMass(), sum(g), 1e-5 * p.totalMass());
    }

    @ParameterizedTest
    @EnumSource(Window.class)
    void resultDoesNotDependOnThreadCountBitForBit(Window w) {
        Particles p = Catalogues.uniform(50000, 10.0, 2);
        float[] one = MassAssignment.paintMass(p, 36, w, 0.1, 1);
        float[] many = MassAssignment.paintMass(p, 36, w, 0.1, 5);
        assertArrayEquals(one, many);
    }

    @Test
    void shiftedPaintEqualsPaintOfShiftedParticles() {
        Particles p = Catalogues.uniform(5000, 8.0, 3);
        double shift = 0.5 * 8.0 / 16;
        float[] moved = p.positionsMpcH().clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] = (float) p.box().wrap(moved[i] + shift);
        }
        Particles q = new Particles(p.box(), moved, null, p.ids(), p.massPerParticle(), null);
        float[] a = MassAssignment.paintMass(p, 16, Window.TSC, shift, 2);
        float[] b = MassAssignment.paintMass(q, 16, Window.TSC, 0, 2);
        for (int c = 0; c < a.length; c++) {
            assertEquals(a[c], b[c], 2e-5, "cell " + c);
        }
    }

    @Test
    void densityContrastOfAUniformLatticeIsZero() {
        Particles lattice = Catalogues.displacedLattice(8, 16.0, 0.0);
        Grid d = MassAssignment.densityContrast(lattice, 8, Window.CIC, 0, 2, 0.0, List.of());
        for (float v : d.values()) {
            assertEquals(0.0, v, 1e-5);
        }
        assertEquals(GridKind.DENSITY_CONTRAST, d.info().kind());
        assertEquals(512, d.info().particleCount());
    }

    @Test
    void phasesNeverRunNeighbouringSlabsTogether() {
        for (int slabs = 2; slabs < 12; slabs++) {
            int covered = 0;
            for (List<Integer> phase : MassAssignment.phases(slabs)) {
                for (int a : phase) {
                    for (int b : phase) {
                        int gap = Math.floorMod(a - b, slabs);
                        if (a != b) {
                            org.junit.jupiter.api.Assertions.assertTrue(gap != 1 && gap != slabs - 1,
                                    "slabs " + a + " and " + b + " of " + slabs + " are neighbours");
                        }
                    }
                }
                covered += phase.size();
            }
            assertEquals(slabs, covered);
        }
    }

    private static double sum(float[] g) {
        double s = 0;
        for (float v : g) {
            s += v;
        }
        return s;
    }
}
