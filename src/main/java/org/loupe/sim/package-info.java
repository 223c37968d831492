/**
 * The embedded source of LR/HR training pairs: Gaussian initial conditions whose Fourier modes do
 * not depend on the resolution, Zel'dovich and 2LPT displacements, and a FastPM-style
 * particle-mesh integrator (Feng et al. 2016) whose kick and drift factors reproduce linear growth
 * exactly on large scales. Plain Java; uses cosmology, particles and mesh.
 */
package org.loupe.sim;
