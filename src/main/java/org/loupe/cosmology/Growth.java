package org.loupe.cosmology;

import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

import org.loupe.ConfigException;

/**
 * Linear growth D₁(a) (normalised to D₁(1) = 1), f₁ = dlnD₁/dlna, and the second-order growth
 * D₂(a) of 2LPT with f₂, from the growth ODEs in ln a (valid with radiation and curvature):
 * <pre>
 *   D'' + (2 + dlnH/dlna) D' − 3/2 Ω_m(a) D = 0
 *   D₂'' + (2 + dlnH/dlna) D₂' − 3/2 Ω_m(a) D₂ = −3/2 Ω_m(a) D₁²
 * </pre>
 * integrated with an adaptive Dormand–Prince 8(5,3) method onto a table in ln a and interpolated
 * with cubic Hermite splines (values and exact derivatives from the ODE).
 */
public final class Growth {

    private static final double LN_A_MIN = Math.log(1e-5);
    private static final double LN_A_MAX = Math.log(4.0);
    private static final int STEPS = 4000;

    private final double[] d1 = new double[STEPS + 1];
    private final double[] d1p = new double[STEPS + 1];
    private final double[] d2 = new double[STEPS + 1];
    private final double[] d2p = new double[STEPS + 1];
    private final double dx = (LN_A_MAX - LN_A_MIN) / STEPS;
    private final Cosmology cosmology;

    public Growth(Cosmology c) {
        this.cosmology = c;
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return 4;
            }

            @Override
            public void computeDerivatives(double lna, double[] y, double[] dy) {
                double a = Math.exp(lna);
                double friction = 2 + c.dlnHdlna(a);
                double source = 1.5 * c.omegaMatter(a);
                dy[0] = y[1];
                dy[1] = -friction * y[1] + source * y[0];
                dy[2] = y[3];
                dy[3] = -friction * y[3] + source * y[2] - source * y[0] * y[0];
            }
        };
        FirstOrderIntegrator integrator = new DormandPrince853Integrator(1e-8, 0.05, 1e-12, 1e-12);
        double a0 = Math.exp(LN_A_MIN);
        // Growing mode deep in matter domination (Meszaros with radiation): D ∝ a + 2/3 a_eq.
        double aEq = c.omegaR() > 0 ? c.omegaR() / c.omegaM() : 0;
        double[] y = {a0 + 2.0 / 3 * aEq, a0, 0, 0};
        y[2] = -3.0 / 7 * y[0] * y[0];
        y[3] = -6.0 / 7 * y[0] * y[1];
        store(0, y);
        for (int i = 1; i <= STEPS; i++) {
            integrator.integrate(ode, LN_A_MIN + (i - 1) * dx, y, LN_A_MIN + i * dx, y);
            store(i, y);
        }
        // Normalise D₁(1) = 1 and keep D₂ in units of that D₁² (D₂ ∝ D₁²).
        double norm = interpolate(d1, d1p, 0.0);
        for (int i = 0; i <= STEPS; i++) {
            d1[i] /= norm;
            d1p[i] /= norm;
            d2[i] /= norm * norm;
            d2p[i] /= norm * norm;
        }
    }

    public Cosmology cosmology() {
        return cosmology;
    }

    /** D₁(a), normalised to 1 today. */
    public double d1(double a) {
        return interpolate(d1, d1p, check(a));
    }

    /** f₁(a) = dlnD₁/dlna. */
    public double f1(double a) {
        double lna = check(a);
        return interpolateDerivative(d1, d1p, lna) / interpolate(d1, d1p, lna);
    }

    /** D₂(a) of 2LPT (negative; ≈ −3/7 D₁² in matter domination). */
    public double d2(double a) {
        return interpolate(d2, d2p, check(a));
    }

    /** f₂(a) = dlnD₂/dlna. */
    public double f2(double a) {
        double lna = check(a);
        return interpolateDerivative(d2, d2p, lna) / interpolate(d2, d2p, lna);
    }

    private void store(int i, double[] y) {
        d1[i] = y[0];
        d1p[i] = y[1];
        d2[i] = y[2];
        d2p[i] = y[3];
    }

    private static double check(double a) {
        if (!(a >= 1e-5 && a <= 4.0)) {
            throw new ConfigException("scale factor " + a + " is outside the growth table [1e-5, 4] (redshift -0.75 ... 1e5)");
        }
        return Math.log(a);
    }

    /** Cubic Hermite interpolation of y(x) with derivatives yp on the uniform ln a grid. */
    private double interpolate(double[] y, double[] yp, double lna) {
        double u = (lna - LN_A_MIN) / dx;
        int i = Math.min(STEPS - 1, Math.max(0, (int) Math.floor(u)));
        double t = u - i;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y[i] + (t3 - 2 * t2 + t) * dx * yp[i]
                + (-2 * t3 + 3 * t2) * y[i + 1] + (t3 - t2) * dx * yp[i + 1];
    }

    private double interpolateDerivative(double[] y, double[] yp, double lna) {
        double u = (lna - LN_A_MIN) / dx;
        int i = Math.min(STEPS - 1, Math.max(0, (int) Math.floor(u)));
        double t = u - i;
        double t2 = t * t;
        return ((6 * t2 - 6 * t) * y[i] + (3 * t2 - 4 * t + 1) * dx * yp[i]
                + (-6 * t2 + 6 * t) * y[i + 1] + (3 * t2 - 2 * t) * dx * yp[i + 1]) / dx;
    }
}
