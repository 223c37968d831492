/**
 * The embedded source of LR/HR training pairs: Gaussian initial conditions whose Fourier modes do
 * not depend on the resolution, Zel'dovich and 2LPT displacements, and a FastPM-style
 * particle-mesh integrator (Feng et al. 2016) whose kick and drift factors reproduce linear growth
 * exactly on large scales; and P³M (GADGET-4's TreePM force split with direct short-range pair
 * sums over a chaining mesh, leapfrog in ln a with per-particle sub-steps), which gives the
 * training targets the small scales and halos of a TreePM run. Plain Java; uses cosmology,
 * particles and mesh.
 */
package org.loupe.sim;
