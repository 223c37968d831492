/**
 * Fields on periodic meshes: {@link org.loupe.mesh.Grid} (flat C-order array plus metadata), mass
 * assignment with the NGP/CIC/TSC/PCS windows of docs/conventions.md (Pylians-compatible), and
 * Lagrangian displacement and velocity fields on the particle lattice. Plain Java, no ND4J.
 */
package org.loupe.mesh;
