/**
 * Loupe: super-resolution of cosmological N-body simulations. The sub-packages follow the data
 * flow of {@code docs/architecture.md}; this root package holds only the exception family
 * that every step throws and the CLI maps to exit codes, and {@link org.loupe.Parallel}, the one
 * deterministic work-splitting helper every kernel uses.
 */
package org.loupe;
