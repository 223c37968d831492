package org.loupe.sim;

import java.util.List;

import org.loupe.cosmology.PowerModel;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Fft3d.Spectrum;
import org.loupe.mesh.Grid;
import org.loupe.mesh.LagrangianFields;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;

/**
 * A twin of given initial conditions (e.g. GADGET-4's, whose mode seeds Loupe does not know): the
 * displacement and velocity fields keep every Fourier mode an LR lattice of {@code lrSide} holds
 * (max |n_i| &lt; lrSide/2) and get new modes above it. The new modes are a potential flow
 * Ψ = i k δ/k² of a Gaussian δ drawn from the twin seed, scaled per |n| shell to the power that
 * k·Ψ of the replaced modes had (so the twin has the original's power spectrum, measured, with
 * no assumption about the code's normalisation), and the velocity of a new mode is the
 * replaced modes' mean ratio v·Ψ/Ψ·Ψ times its displacement (linear theory: v ∝ Ψ).
 */
public final class IcTwin {

    /** A flat spectrum: the white draw is scaled per shell afterwards. */
    private static final PowerModel WHITE = k -> 1.0;

    private IcTwin() {
    }

    /** The twin of {@code ics} (on {@code lattice}, with velocities) for an LR lattice of {@code lrSide}. */
    public static Particles of(Particles ics, Lattice lattice, int lrSide, long twinSeed, Fft3d fft, int threads) {
        int n = lattice.sitesPerSide();
        int cut = lrSide / 2;
        if (lrSide < 2 || cut >= n / 2) {
            throw new IllegalArgumentException("the LR lattice " + lrSide + "^3 must be coarser than the ICs' " + n + "^3");
        }
        double box = lattice.box().sizeMpcH();
        int cells = n * n * n;
        Grid both = LagrangianFields.fields(ics, lattice, true, true, 0, List.of());
        float[] f = both.values();
        float[] psiLarge = new float[3 * cells];
        float[] vLarge = new float[3 * cells];
        double[] shellPower = new double[n];
        int[] shellCount = new int[n];
        double vPsi = 0;
        double psiPsi = 0;
        Spectrum[] psiK = new Spectrum[3];
        for (int c = 0; c < 3; c++) {
            float[] comp = new float[cells];
            System.arraycopy(f, c * cells, comp, 0, cells);
            psiK[c] = fft.forward(comp, n);
            float[] vel = new float[cells];
            System.arraycopy(f, (3 + c) * cells, vel, 0, cells);
            float[] large = lowPass(psiK[c], cut, fft);
            float[] vl = lowPass(fft.forward(vel, n), cut, fft);
            System.arraycopy(large, 0, psiLarge, c * cells, cells);
            System.arraycopy(vl, 0, vLarge, c * cells, cells);
            for (int i = 0; i < cells; i++) {
                double ps = comp[i] - large[i];
                vPsi += (vel[i] - vl[i]) * ps;
                psiPsi += ps * ps;
            }
        }
        // Shell power of k·Ψ over the replaced modes.
        double kf = 2 * Math.PI / box;
        Spectrum any = psiK[0];
        for (int i = 0; i < n; i++) {
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < any.halfZ(); kz++) {
                    if (Math.max(Math.abs(nx), Math.max(Math.abs(ny), kz)) < cut) {
                        continue;
                    }
                    int at = any.index(i, j, kz);
                    double re = kf * (nx * psiK[0].data()[at] + ny * psiK[1].data()[at] + kz * psiK[2].data()[at]);
                    double im = kf * (nx * psiK[0].data()[at + 1] + ny * psiK[1].data()[at + 1] + kz * psiK[2].data()[at + 1]);
                    int shell = (int) Math.round(Math.sqrt((double) nx * nx + (double) ny * ny + (double) kz * kz));
                    if (shell < n) {
                        shellPower[shell] += re * re + im * im;
                        shellCount[shell]++;
                    }
                }
            }
        }
        Spectrum delta = GaussianField.draw(n, box, null, twinSeed, cut, WHITE, threads);
        double amp = Math.pow(n, 3) / Math.sqrt(Math.pow(box, 3));   // E|δ|² of the white draw is amp²
        double[] d = delta.data();
        for (int i = 0; i < n; i++) {
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < delta.halfZ(); kz++) {
                    int at = delta.index(i, j, kz);
                    int shell = (int) Math.round(Math.sqrt((double) nx * nx + (double) ny * ny + (double) kz * kz));
                    double scale = shell < n && shellCount[shell] > 0 ? Math.sqrt(shellPower[shell] / shellCount[shell]) / amp : 0;
                    d[at] *= scale;
                    d[at + 1] *= scale;
                }
            }
        }
        float[] psiNew = new Lpt(fft, threads).firstOrder(delta, box);
        float ratio = (float) (psiPsi > 0 ? vPsi / psiPsi : 0);
        float[] psi = new float[3 * cells];
        float[] v = new float[3 * cells];
        for (int i = 0; i < 3 * cells; i++) {
            psi[i] = psiLarge[i] + psiNew[i];
            v[i] = vLarge[i] + ratio * psiNew[i];
        }
        Grid psiGrid = new Grid(n, 3, box, psi, both.info());
        Grid vGrid = new Grid(n, 3, box, v, both.info());
        return LagrangianFields.toParticles(psiGrid, vGrid, lattice, ics.mass(0));
    }

    /** The inverse transform of {@code s} with every mode of max |n_i| ≥ {@code cut} removed. */
    private static float[] lowPass(Spectrum s, int cut, Fft3d fft) {
        int n = s.n();
        Spectrum out = Spectrum.zeros(n);
        for (int i = 0; i < n; i++) {
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < s.halfZ(); kz++) {
                    if (Math.max(Math.abs(nx), Math.max(Math.abs(ny), kz)) < cut) {
                        int at = s.index(i, j, kz);
                        out.data()[at] = s.data()[at];
                        out.data()[at + 1] = s.data()[at + 1];
                    }
                }
            }
        }
        return fft.inverse(out);
    }
}
