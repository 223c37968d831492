/**
 * Running a step: YAML config records (unknown keys rejected with the list of known ones), the
 * provenance manifest every output carries, content hashes, and atomic writes (temp file +
 * rename) so an interrupted command never leaves a half-written output under the final name.
 */
package org.loupe.run;
