/**
 * Particles in memory: {@link org.loupe.particles.Particles} (structure of flat arrays),
 * {@link org.loupe.particles.Box} (periodic wrap and minimum image) and
 * {@link org.loupe.particles.Lattice} (particle ID to Lagrangian lattice site). Plain Java; units
 * are Loupe's internal ones (comoving Mpc/h, peculiar km/s, 1e10 Msun/h), see docs/conventions.md.
 */
package org.loupe.particles;
