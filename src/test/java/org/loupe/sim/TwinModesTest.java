package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.LinearPower;
import org.loupe.cosmology.PowerModel;
import org.loupe.mesh.Fft3d.Spectrum;
import org.loupe.mesh.JTransformsFft3d;

/** Twins and the small-scale initial-condition modes: which Fourier modes each shares with the original. */
class TwinModesTest {

    private static final PowerModel POWER = LinearPower.parse(Cosmology.referenceRuns(), "eh-nowiggle");
    private static final int N = 16;
    private static final int CUT = 4;   // an 8^3 LR lattice's Nyquist index

    @Test
    void aTwinSharesEveryModeBelowTheLrNyquistIndexAndNoneAbove() {
        Spectrum original = GaussianField.draw(N, 64, 11, POWER, 2);
        Spectrum twin = GaussianField.draw(N, 64, 11L, PairGenerator.twinSeed(11, 1), CUT, POWER, 2);
        int same = 0;
        int differ = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int kz = 0; kz < original.halfZ(); kz++) {
                    int nx = Spectrum.wavenumber(i, N);
                    int ny = Spectrum.wavenumber(j, N);
                    int at = original.index(i, j, kz);
                    double a = original.data()[at];
                    double b = twin.data()[at];
                    if (a == 0 && b == 0) {
                        continue;   // Nyquist planes and the mean
                    }
                    if (Math.max(Math.abs(nx), Math.max(Math.abs(ny), kz)) < CUT) {
                        assertEquals(a, b, 0.0, "mode " + nx + "," + ny + "," + kz);
                        assertEquals(original.data()[at + 1], twin.data()[at + 1], 0.0);
                        same++;
                    } else {
                        assertTrue(a != b, "mode " + nx + "," + ny + "," + kz + " must be new");
                        differ++;
                    }
                }
            }
        }
        assertTrue(same > 50 && differ > 500, same + " shared, " + differ + " new");
    }

    @Test
    void largeAndSmallModesAddUpToTheFullField() {
        Spectrum full = GaussianField.draw(N, 64, 11, POWER, 1);
        Spectrum large = GaussianField.draw(N, 64, 11L, null, CUT, POWER, 2);
        Spectrum small = GaussianField.draw(N, 64, null, 11L, CUT, POWER, 2);
        for (int i = 0; i < full.data().length; i++) {
            assertEquals(full.data()[i], large.data()[i] + small.data()[i], 0.0);
            assertTrue(large.data()[i] == 0 || small.data()[i] == 0, "each mode in one part only");
        }
    }

    /** A twin of given ICs keeps their modes below the cut, replaces the rest, and keeps the power of each shell. */
    @Test
    void aTwinOfGivenInitialConditionsKeepsTheirLargeScales() {
        SimSpec spec = new SimSpec(64.0, 8, 16, 2, 49.0, java.util.List.of(0.0), 1, 2, "eh", null, 11, 1, 0, 0,
                Cosmology.referenceRuns());
        JTransformsFft3d fft = new JTransformsFft3d(2);
        PmState ics = new PairGenerator(spec, fft, 2, java.nio.file.Path.of(".")).initialConditions(N, 11);
        org.loupe.particles.Particles p = ics.particles();
        org.loupe.particles.Particles withV = new org.loupe.particles.Particles(p.box(), p.positionsMpcH(), ics.momentum().clone(),
                p.ids(), p.massPerParticle(), null);
        org.loupe.particles.Lattice lattice = org.loupe.particles.Lattice.detect(withV);
        org.loupe.particles.Particles twin = IcTwin.of(withV, lattice, 2 * CUT, 99, fft, 2);
        float[] a = org.loupe.mesh.LagrangianFields.displacement(withV, lattice, 49, java.util.List.of()).values();
        float[] b = org.loupe.mesh.LagrangianFields.displacement(twin, lattice, 49, java.util.List.of()).values();
        int cells = N * N * N;
        for (int c = 0; c < 3; c++) {
            Spectrum sa = fft.forward(java.util.Arrays.copyOfRange(a, c * cells, (c + 1) * cells), N);
            Spectrum sb = fft.forward(java.util.Arrays.copyOfRange(b, c * cells, (c + 1) * cells), N);
            double lowDiff = 0;
            double low = 0;
            double highA = 0;
            double highB = 0;
            double highDiff = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    for (int kz = 0; kz < sa.halfZ(); kz++) {
                        int m = Math.max(Math.abs(Spectrum.wavenumber(i, N)), Math.max(Math.abs(Spectrum.wavenumber(j, N)), kz));
                        int at = sa.index(i, j, kz);
                        double da = Math.hypot(sa.data()[at], sa.data()[at + 1]);
                        double db = Math.hypot(sb.data()[at], sb.data()[at + 1]);
                        double dd = Math.hypot(sa.data()[at] - sb.data()[at], sa.data()[at + 1] - sb.data()[at + 1]);
                        if (m < CUT) {
                            lowDiff += dd * dd;
                            low += da * da;
                        } else {
                            highA += da * da;
                            highB += db * db;
                            highDiff += dd * dd;
                        }
                    }
                }
            }
            assertTrue(lowDiff < 1e-8 * low, "component " + c + ": large scales kept (" + lowDiff / low + ")");
            assertTrue(highDiff > 0.5 * highA, "component " + c + ": small scales new");
            assertEquals(1.0, highB / highA, 0.25, "component " + c + ": the small scales keep their power");
        }
    }

    @Test
    void smallScaleModesHaveUnitRmsAndNoLargeScalePower() {
        JTransformsFft3d fft = new JTransformsFft3d(2);
        float[] psi = SmallScaleModes.displacement(N, 2 * CUT, 64, 11, POWER, fft, 2);
        double sum = 0;
        for (float v : psi) {
            sum += (double) v * v;
        }
        assertEquals(1.0, Math.sqrt(sum / psi.length), 1e-5);
        // Every component's modes below the cut vanish (to float rounding of the transforms).
        int cells = N * N * N;
        for (int c = 0; c < 3; c++) {
            float[] comp = new float[cells];
            System.arraycopy(psi, c * cells, comp, 0, cells);
            Spectrum s = fft.forward(comp, N);
            double lowMax = 0;
            double highMax = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    for (int kz = 0; kz < s.halfZ(); kz++) {
                        int m = Math.max(Math.abs(Spectrum.wavenumber(i, N)), Math.max(Math.abs(Spectrum.wavenumber(j, N)), kz));
                        int at = s.index(i, j, kz);
                        double amp = Math.hypot(s.data()[at], s.data()[at + 1]);
                        if (m < CUT) {
                            lowMax = Math.max(lowMax, amp);
                        } else {
                            highMax = Math.max(highMax, amp);
                        }
                    }
                }
            }
            assertTrue(lowMax < 1e-5 * highMax, "component " + c + ": " + lowMax + " below the cut vs " + highMax);
        }
        // Same seed, same field; another seed, another field.
        assertEquals(psi[17], SmallScaleModes.displacement(N, 2 * CUT, 64, 11, POWER, fft, 1)[17], 0.0);
        assertTrue(psi[17] != SmallScaleModes.displacement(N, 2 * CUT, 64, 12, POWER, fft, 1)[17]);
    }
}
