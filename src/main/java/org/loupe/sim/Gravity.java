package org.loupe.sim;

import org.loupe.particles.Particles;

/**
 * A gravity solver for the integrator: accelerations F = −∇φ with ∇²φ = (3/2) Ω_m δ (lengths in
 * Mpc/h, time in 1/H0), interleaved xyz in the particles' order.
 */
@FunctionalInterface
public interface Gravity {

    float[] accelerations(Particles particles);
}
