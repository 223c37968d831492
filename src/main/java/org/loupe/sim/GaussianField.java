package org.loupe.sim;

import java.util.SplittableRandom;

import org.loupe.Parallel;
import org.loupe.SplitMix64;
import org.loupe.cosmology.PowerModel;
import org.loupe.mesh.Fft3d.Spectrum;

/**
 * Linear density modes δ_k (today's amplitude) drawn so that each Fourier mode depends only on
 * the seed and its integer wavenumber (n_x, n_y, n_z), never on the grid: an LR and an HR box of
 * the same seed share every mode the LR grid can hold, which is what makes them a matched pair.
 *
 * <p>Each mode's complex Gaussian comes from a {@link SplittableRandom} seeded by a hash of
 * (seed, n). Only one mode of each ±n pair is drawn (the one with the canonical sign) and the
 * other is its conjugate, so the field is real. Nyquist planes are zeroed: their modes are real on
 * the LR grid but complex on finer ones, so keeping them would break the LR/HR match.
 * Amplitude: ⟨|δ_k|²⟩ = P(k) N⁶ / L³ for the unnormalised forward FFT (docs/conventions.md).
 */
public final class GaussianField {

    private GaussianField() {
    }

    /** δ_k on an N³ grid, today's linear amplitude, from {@code seed} and {@code power}. */
    public static Spectrum draw(int n, double boxMpcH, long seed, PowerModel power, int threads) {
        return draw(n, boxMpcH, seed, seed, Integer.MAX_VALUE, power, threads);
    }

    /**
     * δ_k with the modes split at {@code cut}: a mode whose largest |n_i| is below {@code cut} (the
     * modes an LR grid of 2·cut sites holds) comes from {@code largeSeed}, every other mode from
     * {@code smallSeed}. A null seed leaves its modes zero. {@code largeSeed = smallSeed} is
     * {@link #draw(int, double, long, PowerModel, int)}; another {@code smallSeed} draws a
     * <em>twin</em>: the same universe up to the LR Nyquist frequency, new small scales.
     */
    public static Spectrum draw(int n, double boxMpcH, Long largeSeed, Long smallSeed, int cut, PowerModel power,
                                int threads) {
        Spectrum s = Spectrum.zeros(n);
        double[] d = s.data();
        double kf = 2 * Math.PI / boxMpcH;
        double amp = Math.pow((double) n, 3) / Math.sqrt(Math.pow(boxMpcH, 3));
        int halfZ = s.halfZ();
        Parallel.forEach(n, threads, i -> {
            int nx = Spectrum.wavenumber(i, n);
            for (int j = 0; j < n; j++) {
                int ny = Spectrum.wavenumber(j, n);
                for (int kz = 0; kz < halfZ; kz++) {
                    if (Spectrum.isNyquist(nx, n) || Spectrum.isNyquist(ny, n) || Spectrum.isNyquist(kz, n)
                            || (nx == 0 && ny == 0 && kz == 0)) {
                        continue;
                    }
                    // Canonical member of the ±n pair: the first non-zero component positive.
                    boolean canonical = kz > 0 || (kz == 0 && (nx > 0 || (nx == 0 && ny > 0)));
                    int sign = canonical ? 1 : -1;
                    boolean large = Math.max(Math.abs(nx), Math.max(Math.abs(ny), kz)) < cut;
                    Long seed = large ? largeSeed : smallSeed;
                    if (seed == null) {
                        continue;
                    }
                    SplittableRandom rng = new SplittableRandom(modeSeed(seed, sign * nx, sign * ny, sign * kz));
                    double re = rng.nextGaussian();
                    double im = rng.nextGaussian();
                    double k = kf * Math.sqrt((double) nx * nx + (double) ny * ny + (double) kz * kz);
                    double sigma = amp * Math.sqrt(power.power(k) / 2);
                    int at = s.index(i, j, kz);
                    d[at] = sigma * re;
                    d[at + 1] = sign * sigma * im;
                }
            }
        });
        return s;
    }


    /** A well-mixed 64-bit seed for one mode (SplitMix64 finaliser over the packed wavenumber). */
    static long modeSeed(long seed, int nx, int ny, int nz) {
        long h = seed * SplitMix64.GOLDEN;
        h ^= ((long) nx & 0x1FFFFF) | (((long) ny & 0x1FFFFF) << 21) | (((long) nz & 0x1FFFFF) << 42);
        return SplitMix64.finalise(h);
    }
}
