package org.loupe.stats;

import java.util.List;

import org.loupe.mesh.Grid;
import org.loupe.mesh.MassAssignment;
import org.loupe.mesh.Window;
import org.loupe.particles.ParticleStream;

/**
 * A projected density slab: 1 + δ painted with CIC on an N³ mesh and averaged over
 * {@code thickness} cells along z starting at cell {@code z0}, as an N×N map (row i = x, column
 * j = y). Slices of LR, SR and HR boxes of the same universe are comparable cell by cell.
 *
 * @param size N
 * @param boxMpcH box side
 * @param z0 first cell of the slab
 * @param thickness cells averaged
 * @param values N·N values of 1 + δ, row-major (x, y)
 */
public record DensitySlice(int size, double boxMpcH, int z0, int thickness, float[] values) {

    /** The slice of the particles of {@code p}, painted block by block while the stream is read. */
    public static DensitySlice of(ParticleStream p, int n, int z0, int thickness, int threads) {
        Grid g = MassAssignment.densityContrast(p, n, Window.CIC, 0, threads, Double.NaN, List.of());
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < thickness; k++) {
                    sum += 1 + g.values()[(i * n + j) * n + Math.floorMod(z0 + k, n)];
                }
                out[i * n + j] = (float) (sum / thickness);
            }
        }
        return new DensitySlice(n, p.box().sizeMpcH(), z0, thickness, out);
    }

    /** Cell-wise difference {@code this − other} (same size). */
    public DensitySlice minus(DensitySlice other) {
        float[] d = new float[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] - other.values[i];
        }
        return new DensitySlice(size, boxMpcH, z0, thickness, d);
    }
}
