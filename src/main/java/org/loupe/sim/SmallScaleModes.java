package org.loupe.sim;

import org.loupe.cosmology.PowerModel;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Fft3d.Spectrum;

/**
 * The part of a universe's initial conditions that an LR run of it cannot hold: the Zel'dovich
 * displacement Ψ₁ of the modes whose largest |n_i| reaches the LR Nyquist index (N_LR/2), on the
 * HR lattice. For a pair simulated by Loupe these are exactly the modes its HR run has and its LR
 * run lacks ({@link GaussianField}); for a new LR box, drawn from another seed, they are the new
 * small scales of a twin. A generator that reads them next to the LR field is told where small
 * haloes start, instead of having to guess a mean that no universe has.
 *
 * <p>The field is divided by its rms over the box (all three components), so neither the
 * growth factor, σ8 nor the redshift enters: the network learns the amplitude from its training
 * pairs, whose domain (cosmology, redshift) the model file records.
 */
public final class SmallScaleModes {

    private SmallScaleModes() {
    }

    /**
     * 3 × n³ values (channel first, C order) of unit rms: Ψ₁ of {@code seed}'s modes with
     * max |n_i| ≥ {@code lrSide}/2 on the n³ HR lattice of a box of {@code boxMpcH}.
     */
    public static float[] displacement(int n, int lrSide, double boxMpcH, long seed, PowerModel power, Fft3d fft,
                                       int threads) {
        if (lrSide < 2 || lrSide >= n) {
            throw new IllegalArgumentException("LR side " + lrSide + " must be in [2, " + n + ")");
        }
        Spectrum delta = GaussianField.draw(n, boxMpcH, null, seed, lrSide / 2, power, threads);
        float[] psi = new Lpt(fft, threads).firstOrder(delta, boxMpcH);
        double sum = 0;
        for (float v : psi) {
            sum += (double) v * v;
        }
        double rms = Math.sqrt(sum / psi.length);
        if (!(rms > 0)) {
            throw new IllegalArgumentException("no modes between the LR Nyquist index " + lrSide / 2 + " and the HR one " + n / 2);
        }
        float inv = (float) (1 / rms);
        for (int i = 0; i < psi.length; i++) {
            psi[i] *= inv;
        }
        return psi;
    }
}
