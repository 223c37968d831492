package org.loupe.report;

import java.util.List;

import org.loupe.mesh.Grid;
import org.loupe.mesh.LagrangianFields;
import org.loupe.particles.Box;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;

/**
 * The baseline every SR model must beat: the LR displacement field interpolated trilinearly
 * (periodically) to the HR lattice, made into particles of the HR mass. It is what an untrained
 * generator outputs, so "SR beats trilinear" says the network learned something.
 */
final class TrilinearBaseline {

    private TrilinearBaseline() {
    }

    /** Particles on an {@code hrSide}³ corner lattice from the LR particles (which must fill a lattice), or null if they do not. */
    static Particles of(Particles lr, int hrSide) {
        Lattice lo = Lattice.detect(lr);
        if (lo == null) {
            return null;
        }
        Grid psi = LagrangianFields.displacement(lr, lo, 0, List.of());
        int nl = lo.sitesPerSide();
        int cl = nl * nl * nl;
        int ch = hrSide * hrSide * hrSide;
        float[] src = psi.values();
        float[] out = new float[3 * ch];
        double ratio = (double) nl / hrSide;
        for (int i = 0; i < hrSide; i++) {
            double ui = i * ratio - lo.offsetCells();
            int i0 = Math.floorMod((int) Math.floor(ui), nl);
            double fi = ui - Math.floor(ui);
            for (int j = 0; j < hrSide; j++) {
                double uj = j * ratio - lo.offsetCells();
                int j0 = Math.floorMod((int) Math.floor(uj), nl);
                double fj = uj - Math.floor(uj);
                for (int k = 0; k < hrSide; k++) {
                    double uk = k * ratio - lo.offsetCells();
                    int k0 = Math.floorMod((int) Math.floor(uk), nl);
                    double fk = uk - Math.floor(uk);
                    int site = (i * hrSide + j) * hrSide + k;
                    for (int c = 0; c < 3; c++) {
                        out[c * ch + site] = (float) interpolate(src, c * cl, nl, i0, j0, k0, fi, fj, fk);
                    }
                }
            }
        }
        Box box = lr.box();
        Lattice hi = new Lattice(hrSide, 1, 0, box);
        Grid up = new Grid(hrSide, 3, box.sizeMpcH(), out, psi.info());
        return LagrangianFields.toParticles(up, null, hi, lr.mass(0) * cl / ch);
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
