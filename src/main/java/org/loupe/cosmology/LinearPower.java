package org.loupe.cosmology;

import java.util.function.DoubleUnaryOperator;

import org.loupe.ConfigException;

/**
 * P(k) = A k^{n_s} T(k)² with A fixed by σ8 (top-hat of radius 8 Mpc/h), today. The σ8 integral
 * runs in ln k over [1e-5, 1e3] h/Mpc with Simpson's rule on 20 000 intervals (converged to
 * better than 1e-6 for the window's oscillating tail).
 */
public final class LinearPower implements PowerModel {

    /** Which Eisenstein–Hu fit. */
    public enum Shape { EH_WIGGLES, EH_NO_WIGGLES }

    private final DoubleUnaryOperator transfer;
    private final double ns;
    private final double amplitude;

    private LinearPower(DoubleUnaryOperator transfer, double ns, double sigma8) {
        this.transfer = transfer;
        this.ns = ns;
        this.amplitude = sigma8 * sigma8 / sigmaSquared(k -> Math.pow(k, ns) * square(transfer.applyAsDouble(k)), 8.0);
    }

    /** Eisenstein–Hu power spectrum of {@code c}, CMB at 2.728 K as in GADGET-4. */
    public static LinearPower eisensteinHu(Cosmology c, Shape shape) {
        EisensteinHu eh = new EisensteinHu(c, 2.728);
        DoubleUnaryOperator t = shape == Shape.EH_WIGGLES ? eh::withWiggles : eh::noWiggle;
        return new LinearPower(t, c.ns(), c.sigma8());
    }

    public static LinearPower parse(Cosmology c, String shape) {
        switch (shape.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "eh": case "eisenstein-hu": case "eh-wiggles":
                return eisensteinHu(c, Shape.EH_WIGGLES);
            case "eh-nowiggle": case "eh-no-wiggles": case "eh-nowiggles":
                return eisensteinHu(c, Shape.EH_NO_WIGGLES);
            default:
                throw new ConfigException("unknown power spectrum '" + shape + "': use eh (with BAO wiggles), eh-nowiggle,"
                        + " or give a tabulated file");
        }
    }

    @Override
    public double power(double kHMpc) {
        if (kHMpc <= 0) {
            return 0;
        }
        return amplitude * Math.pow(kHMpc, ns) * square(transfer.applyAsDouble(kHMpc));
    }

    /** σ²(R) = ∫ dk/k Δ²(k) W²(kR) for a top-hat of radius R (Mpc/h) and any P(k). */
    public static double sigmaSquared(DoubleUnaryOperator pk, double radius) {
        double lo = Math.log(1e-5);
        double hi = Math.log(1e3);
        int n = 20000;
        double step = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double k = Math.exp(lo + i * step);
            double x = k * radius;
            double w = x < 1e-3 ? 1 - x * x / 10 : 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
            double integrand = k * k * k * pk.applyAsDouble(k) / (2 * Math.PI * Math.PI) * w * w;
            double weight = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * integrand;
        }
        return sum * step / 3;
    }

    private static double square(double x) {
        return x * x;
    }
}
