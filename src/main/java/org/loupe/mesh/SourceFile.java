package org.loupe.mesh;

/** An input file a result was computed from, identified by its content hash. */
public record SourceFile(String path, String sha256) {
}
