/**
 * Loupe: super-resolution of cosmological N-body simulations. The sub-packages follow the data
 * flow of {@code docs/architecture.md}; this root package holds only the exception family
 * that every step throws and the CLI maps to exit codes, {@link org.loupe.Parallel}, the one
 * deterministic work-splitting helper every kernel uses, and {@link org.loupe.AtomicFiles}, the one
 * way every package writes a file (here so that no package needs {@code run} to write).
 */
package org.loupe;
