package org.loupe.cosmology;

/** A linear matter power spectrum today, P(k) in (Mpc/h)³ with k in h/Mpc. */
public interface PowerModel {

    /** P(k, z = 0) in (Mpc/h)³. */
    double power(double kHMpc);
}
