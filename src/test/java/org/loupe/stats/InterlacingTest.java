package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Interlacing;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/** Interlacing removes the aliasing of a single mesh (Sefusatti et al. 2016). */
class InterlacingTest {

    private static final double BOX = 100.0;

    private static PowerResult power(Particles p, int n, boolean interlace) {
        PowerSpec spec = PowerSpec.defaults().withInterlace(interlace);
        return new PowerSpectrum(spec, new JTransformsFft3d(2), 2).auto(p, n, Window.CIC, 0.0, List.of());
    }

    @Test
    void interlacedMeshAgreesWithTheDoubleResolutionMesh() {
        int n = 32;
        Particles particles = TestFields.clumpy(200_000, 20, 0.5, BOX, 3L);
        PowerResult coarse = power(particles, n, true);
        PowerResult fine = power(particles, 2 * n, true);
        PowerResult plain = power(particles, n, false);
        assertTrue(coarse.meta().interlaced());
        assertTrue(!plain.meta().interlaced());
        double kNyq = Math.PI * n / BOX;
        double worstInterlaced = 0;
        double worstPlain = 0;
        for (int b = 0; b < coarse.size() && coarse.k()[b] <= 0.7 * kNyq; b++) {
            // Bins are in units of k_F on both meshes: bin b is the same shell of modes.
            assertEquals(coarse.nmodes()[b], fine.nmodes()[b]);
            worstInterlaced = Math.max(worstInterlaced, Math.abs(coarse.pk()[b] / fine.pk()[b] - 1));
            worstPlain = Math.max(worstPlain, Math.abs(plain.pk()[b] / fine.pk()[b] - 1));
        }
        assertTrue(worstInterlaced <= 0.01, "interlaced N vs 2N differs by " + worstInterlaced);
        assertTrue(worstPlain > 0.01, "without interlacing N vs 2N differs by only " + worstPlain);
    }

    @Test
    void phaseUndoesAHalfCellShift() {
        // A field and the same field moved by +H/2 on every axis: the combination is the field itself.
        int n = 8;
        Fft3d fft = new JTransformsFft3d(1);
        float[] a = new float[n * n * n];
        float[] b = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double x = i + j + k; // cell-index coordinates, H = 1
                    a[(i * n + j) * n + k] = (float) Math.cos(2 * Math.PI * x / n);
                    // shifted field f(x − s) sampled at the nodes, s = H/2 per axis
                    b[(i * n + j) * n + k] = (float) Math.cos(2 * Math.PI * (x - 1.5) / n);
                }
            }
        }
        Fft3d.Spectrum sa = fft.forward(a, n);
        Fft3d.Spectrum expected = sa.copy();
        Fft3d.Spectrum combined = Interlacing.combine(sa, fft.forward(b, n), 1);
        for (int c = 0; c < expected.data().length; c++) {
            assertEquals(expected.data()[c], combined.data()[c], 1e-3, "component " + c);
        }
    }
}
