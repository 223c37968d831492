/**
 * Background cosmology (flat or curved ΛCDM with optional radiation): expansion rate H(a),
 * linear growth D(a), f(a) and the second-order growth used by 2LPT, and linear power spectra
 * (Eisenstein–Hu with and without baryon wiggles, or a tabulated file) normalised to σ8. Plain
 * Java; lengths in Mpc/h, wavenumbers in h/Mpc, H in km/s/(Mpc/h).
 */
package org.loupe.cosmology;
