package org.loupe.stats;

import org.loupe.ConfigException;

/**
 * Settings of the power-spectrum estimator (docs/conventions.md, "Power spectrum").
 *
 * @param compensate divide δ_k by the mass-assignment window Π sinc^p (p from the grid's window)
 * @param interlace paint particles twice, the second time shifted by H/2, and combine (only
 *                  applies when the estimator paints particles itself; a given grid is used as is)
 * @param binWidthKf bin width in units of the fundamental mode k_F = 2π/L (1 = Pylians)
 * @param kminHMpc smallest reported k (mean k of a bin), h/Mpc
 * @param kmaxHMpc largest reported k (mean k of a bin), h/Mpc; +∞ for no limit
 * @param nyquistOnly report only bins whose mean k is at most k_Nyq = πN/L (else up to √3 k_Nyq)
 * @param subtractShotNoise subtract 1/n̄ = L³/N_particles from auto powers (default false: it is
 *                          always reported as metadata, never silently subtracted)
 * @param losAxis line-of-sight axis of the multipoles: 0 = x, 1 = y, 2 = z
 */
public record PowerSpec(boolean compensate, boolean interlace, double binWidthKf, double kminHMpc,
                        double kmaxHMpc, boolean nyquistOnly, boolean subtractShotNoise, int losAxis) {

    public PowerSpec {
        if (!(binWidthKf > 0) || Double.isInfinite(binWidthKf)) {
            throw new ConfigException("power spectrum bin width must be a positive number of k_F, got " + binWidthKf);
        }
        if (!(kminHMpc >= 0)) {
            throw new ConfigException("power spectrum kmin must be >= 0 h/Mpc, got " + kminHMpc);
        }
        if (!(kmaxHMpc > kminHMpc)) {
            throw new ConfigException("power spectrum kmax (" + kmaxHMpc + ") must exceed kmin (" + kminHMpc + ")");
        }
        if (losAxis < 0 || losAxis > 2) {
            throw new ConfigException("line-of-sight axis must be 0 (x), 1 (y) or 2 (z), got " + losAxis);
        }
    }

    /**
     * Loupe's validation default: compensation and interlacing on, bins of width k_F up to
     * √3 k_Nyq, shot noise reported but not subtracted, line of sight along z.
     */
    public static PowerSpec defaults() {
        return new PowerSpec(true, true, 1.0, 0.0, Double.POSITIVE_INFINITY, false, false, 2);
    }

    /** Exactly Pylians' {@code Pk_library.Pk}: the defaults without interlacing. */
    public static PowerSpec pylians() {
        return defaults().withInterlace(false);
    }

    public PowerSpec withCompensate(boolean on) {
        return new PowerSpec(on, interlace, binWidthKf, kminHMpc, kmaxHMpc, nyquistOnly, subtractShotNoise, losAxis);
    }

    public PowerSpec withInterlace(boolean on) {
        return new PowerSpec(compensate, on, binWidthKf, kminHMpc, kmaxHMpc, nyquistOnly, subtractShotNoise, losAxis);
    }

    public PowerSpec withBinWidth(double widthKf) {
        return new PowerSpec(compensate, interlace, widthKf, kminHMpc, kmaxHMpc, nyquistOnly, subtractShotNoise, losAxis);
    }

    public PowerSpec withKRange(double kmin, double kmax) {
        return new PowerSpec(compensate, interlace, binWidthKf, kmin, kmax, nyquistOnly, subtractShotNoise, losAxis);
    }

    public PowerSpec withNyquistOnly(boolean on) {
        return new PowerSpec(compensate, interlace, binWidthKf, kminHMpc, kmaxHMpc, on, subtractShotNoise, losAxis);
    }

    public PowerSpec withSubtractShotNoise(boolean on) {
        return new PowerSpec(compensate, interlace, binWidthKf, kminHMpc, kmaxHMpc, nyquistOnly, on, losAxis);
    }

    public PowerSpec withLosAxis(int axis) {
        return new PowerSpec(compensate, interlace, binWidthKf, kminHMpc, kmaxHMpc, nyquistOnly, subtractShotNoise, axis);
    }
}
