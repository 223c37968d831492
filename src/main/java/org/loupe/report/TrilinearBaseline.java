package org.loupe.report;

import java.util.List;

import org.loupe.mesh.Grid;
import org.loupe.mesh.LagrangianFields;
import org.loupe.mesh.StreamedLatticeFields;
import org.loupe.particles.Box;
import org.loupe.particles.Lattice;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * The baseline every SR model must beat: the LR displacement field interpolated trilinearly
 * (periodically) to the HR lattice, made into particles of the HR mass. It is what an untrained
 * generator outputs, so "SR beats trilinear" says the network learned something.
 */
final class TrilinearBaseline {

    private TrilinearBaseline() {
    }

    /**
     * Particles on an {@code hrSide}³ corner lattice from the LR particles (read with their IDs,
     * which must fill a lattice), made a few planes at a time on every pass, or null if they do
     * not fill one: the baseline of a large box costs the LR displacement field, not the SR box.
     * Its particles have the LR particle mass × (LR / HR sites).
     */
    static ParticleStream stream(ParticleStream lrWithIds, String lrName, int hrSide, double lrParticleMass, int threads) {
        // Particles from anywhere (IDs that are not a lattice's): no baseline. A lattice that
        // cannot be read is an error, reported by the read.
        StreamedLatticeFields.Fields fields = StreamedLatticeFields.readIfLattice(lrWithIds, Double.NaN, false, 0, List.of(),
                lrName);
        if (fields == null) {
            return null;
        }
        Lattice lo = fields.lattice();
        Grid psi = fields.displacement();
        int nl = lo.sitesPerSide();
        long cl = (long) nl * nl * nl;
        long ch = (long) hrSide * hrSide * hrSide;
        Box box = lrWithIds.box();
        Lattice hi = new Lattice(hrSide, 1, 0, box);
        double mass = lrParticleMass * cl / ch;
        // Planes of the lattice, re-cut into the blocks asked for: painted exactly as particles in memory.
        int planes = Math.max(1, (1 << 22) / (hrSide * hrSide));
        return ParticleStream.of(box, ch, sink -> {
            for (int x0 = 0; x0 < hrSide; x0 += planes) {
                int x1 = Math.min(hrSide, x0 + planes);
                float[] out = planes(psi.values(), nl, lo.offsetCells(), hrSide, x0, x1, threads);
                sink.accept(LagrangianFields.toParticles(out, null, x0, x1, hi, mass));
            }
        });
    }

    /** Ψ interpolated to HR planes [x0, x1), laid out [channel][x − x0][y][z]. */
    private static float[] planes(float[] src, int nl, double offsetCells, int hrSide, int x0, int x1, int threads) {
        int cl = nl * nl * nl;
        int ch = (x1 - x0) * hrSide * hrSide;
        float[] out = new float[3 * ch];
        double ratio = (double) nl / hrSide;
        // Planes in parallel: each writes only its own sites, so the result does not depend on the threads.
        org.loupe.Parallel.forEach(x1 - x0, threads, plane -> {
            int i = x0 + plane;
            double ui = i * ratio - offsetCells;
            int i0 = Math.floorMod((int) Math.floor(ui), nl);
            double fi = ui - Math.floor(ui);
            for (int j = 0; j < hrSide; j++) {
                double uj = j * ratio - offsetCells;
                int j0 = Math.floorMod((int) Math.floor(uj), nl);
                double fj = uj - Math.floor(uj);
                for (int k = 0; k < hrSide; k++) {
                    double uk = k * ratio - offsetCells;
                    int k0 = Math.floorMod((int) Math.floor(uk), nl);
                    double fk = uk - Math.floor(uk);
                    int site = ((i - x0) * hrSide + j) * hrSide + k;
                    for (int c = 0; c < 3; c++) {
                        out[c * ch + site] = (float) interpolate(src, c * cl, nl, i0, j0, k0, fi, fj, fk);
                    }
                }
            }
        });
        return out;
    }

    private static double interpolate(float[] f, int base, int n, int i0, int j0, int k0, double fi, double fj, double fk) {
        double sum = 0;
        for (int a = 0; a < 2; a++) {
            double wa = a == 0 ? 1 - fi : fi;
            int ii = (i0 + a) % n;
            for (int b = 0; b < 2; b++) {
                double wb = b == 0 ? 1 - fj : fj;
                int jj = (j0 + b) % n;
                for (int c = 0; c < 2; c++) {
                    double wc = c == 0 ? 1 - fk : fk;
                    sum += wa * wb * wc * f[base + (ii * n + jj) * n + (k0 + c) % n];
                }
            }
        }
        return sum;
    }
}
