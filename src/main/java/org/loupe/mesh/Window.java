package org.loupe.mesh;

import java.util.Locale;

import org.loupe.ConfigException;

/**
 * Mass-assignment windows (docs/conventions.md). {@link #order()} is the exponent p of the sinc
 * compensation; {@link #support()} the number of nodes per axis a particle touches.
 */
public enum Window {
    NGP(1), CIC(2), TSC(3), PCS(4);

    private final int order;

    Window(int order) {
        this.order = order;
    }

    /** Exponent p of the Fourier window sinc^p per axis. */
    public int order() {
        return order;
    }

    /** Nodes per axis that one particle contributes to. */
    public int support() {
        return order;
    }

    /** Parses "cic", "TSC", ... with a clear error. */
    public static Window parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("unknown mass-assignment window '" + name + "': use ngp, cic, tsc or pcs");
        }
    }

    /**
     * Fills {@code weights[0..support)} for a coordinate {@code u} in cell units and returns the
     * (unwrapped) index of the first node. Weights follow Pylians' MAS_library.
     */
    public int weights(double u, double[] weights) {
        switch (this) {
            case NGP: {
                weights[0] = 1.0;
                return (int) Math.floor(u + 0.5);
            }
            case CIC: {
                int i0 = (int) Math.floor(u);
                double d = u - i0;
                weights[0] = 1.0 - d;
                weights[1] = d;
                return i0;
            }
            case TSC: {
                int i = (int) Math.floor(u + 0.5);
                double d = u - i;
                weights[0] = 0.5 * (0.5 - d) * (0.5 - d);
                weights[1] = 0.75 - d * d;
                weights[2] = 0.5 * (0.5 + d) * (0.5 + d);
                return i - 1;
            }
            case PCS: {
                int i0 = (int) Math.floor(u);
                double d = u - i0;
                double t0 = 1.0 + d;
                double t3 = 2.0 - d;
                double e = 1.0 - d;
                weights[0] = (2.0 - t0) * (2.0 - t0) * (2.0 - t0) / 6.0;
                weights[1] = (4.0 - 6.0 * d * d + 3.0 * d * d * d) / 6.0;
                weights[2] = (4.0 - 6.0 * e * e + 3.0 * e * e * e) / 6.0;
                weights[3] = (2.0 - t3) * (2.0 - t3) * (2.0 - t3) / 6.0;
                return i0 - 1;
            }
            default:
                throw new IllegalStateException(name());
        }
    }
}
