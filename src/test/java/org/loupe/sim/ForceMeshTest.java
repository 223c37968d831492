package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

class ForceMeshTest {

    /**
     * A lattice displaced by a long plane wave Ψ = A sin(kx) x̂ has δ = −∇·Ψ, so linear theory
     * gives F = (3/2) Ω_m Ψ exactly; with Ω_m = 2/3 the force equals the displacement.
     */
    @ParameterizedTest(name = "mesh = {0}, wave number = {1}")
    @CsvSource({"32,2", "64,2", "128,2", "64,4", "128,4", "64,8", "128,8"})
    void planeWaveDisplacementGivesTheLinearForce(int mesh, int mode) {
        int n = 32;
        double box = 256.0;
        double amp = 0.5;
        int cells = n * n * n;
        float[] pos = new float[3 * cells];
        double h = box / n;
        double k = 2 * Math.PI / box * mode;
        Box b = new Box(box);
        for (int s = 0; s < cells; s++) {
            int i = s / (n * n);
            pos[3 * s] = (float) b.wrap(i * h + amp * Math.sin(k * i * h));
            pos[3 * s + 1] = (float) ((s / n) % n * h);
            pos[3 * s + 2] = (float) (s % n * h);
        }
        Particles p = new Particles(b, pos, null, null, 1.0, null);
        float[] f = new ForceMesh(mesh, box, 2.0 / 3, new JTransformsFft3d(2), 2).accelerations(p);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        double transverse = 0;
        for (int s = 0; s < cells; s++) {
            double x = amp * Math.sin(k * (s / (n * n)) * h);
            sxy += x * f[3 * s];
            sxx += x * x;
            syy += (double) f[3 * s] * f[3 * s];
            transverse = Math.max(transverse, Math.abs(f[3 * s + 1]) + Math.abs(f[3 * s + 2]));
        }
        // Up to k_Nyq(particles)/2 on meshes at least as fine as the lattice: within 4 %.
        assertEquals(1.0, sxy / sxx, 0.04, "slope of F against Psi");
        assertTrue(sxy / Math.sqrt(sxx * syy) > 0.98, "correlation " + sxy / Math.sqrt(sxx * syy));
        assertTrue(transverse < 1e-4 * amp, "no force across the wave: " + transverse);
    }
}
