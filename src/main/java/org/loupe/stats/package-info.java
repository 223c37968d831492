/**
 * Summary statistics of density fields: the power spectrum estimator of docs/conventions.md (auto,
 * multipoles, cross power, r(k), T(k)) with Pylians-compatible mode selection and binning, and
 * results that carry their metadata and write themselves as CSV and JSON; the FFT shell
 * bispectrum of Pylians' {@code Bk}; friends-of-friends halos ({@link org.loupe.stats.FriendsOfFriends},
 * periodic, parallel and deterministic; identical to GADGET-4's groups on the reference runs; the
 * same groups in bounded memory, slab by slab, from a stream: {@link org.loupe.stats.SlabFriendsOfFriends}) and
 * halo mass functions with Poisson errors; density slices and the tiling seam metric.
 *
 * <p>Entry points: {@link org.loupe.stats.PowerSpectrum}, configured by a
 * {@link org.loupe.stats.PowerSpec}, and {@link org.loupe.stats.Bispectrum}. Statistics take
 * grids, particles or streams of particles, never files (the reader of GADGET-4's own P(k) files, used to validate the
 * estimator, lives with the tests). Plain Java, no ND4J.
 */
package org.loupe.stats;
