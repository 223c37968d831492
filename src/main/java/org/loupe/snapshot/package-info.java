/**
 * Reading and writing N-body HDF5 snapshots (GADGET-2/3/4, AREPO, SWIFT; single and multi-file)
 * and Loupe's HDF5 grid files. The only package that touches HDF5 libraries: jHDF (pure Java)
 * reads; the HDF Group's C library through bytedeco's JavaCPP preset writes, because jHDF 0.13's
 * writer corrupts GADGET layouts and needs nested arrays. Everything leaves this package in
 * Loupe's internal units (docs/conventions.md).
 */
package org.loupe.snapshot;
