/**
 * Running a step: YAML config records (unknown keys rejected with the list of known ones), the
 * provenance manifest every output carries, content hashes, data manifests and pair loading.
 * Files are written through {@link org.loupe.AtomicFiles}.
 */
package org.loupe.run;
