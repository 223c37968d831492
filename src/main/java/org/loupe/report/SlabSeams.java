package org.loupe.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.loupe.mesh.StreamedLatticeFields;
import org.loupe.particles.ParticleStream;
import org.loupe.stats.SeamMetric;

/**
 * Seam metrics of SR boxes against the HR box of the same lattice, read a slab of x planes at a
 * time so that the displacement fields of a box larger than memory are never held whole: the
 * metric is a sum over sites, so the slabs' sums add up to the whole box's (the same numbers).
 */
public final class SlabSeams {

    /** Bytes per lattice site held per box (Ψ, 3 floats). */
    static final long BYTES_PER_SITE = 12;

    private SlabSeams() {
    }

    /** Planes per slab so that one SR slab and one HR slab fit {@code memoryBytes} (at least 1, at most n). */
    public static int planesPerSlab(int n, long memoryBytes) {
        long perPlane = 2 * BYTES_PER_SITE * n * (long) n;
        return (int) Math.max(1, Math.min(n, memoryBytes / perPlane));
    }

    /**
     * @param hr the HR particles with IDs
     * @param srs SR particles with IDs, by name (every box the same lattice as HR)
     * @param tiles HR sites per tile side, by SR name
     * @param offsetCells lattice site offset, 0 or ½, or NaN to detect it
     * @param memoryBytes the fields held at once
     * @param files the inputs' names for errors: "HR" and each SR name → file
     */
    public static Map<String, SeamMetric> measure(ParticleStream hr, Map<String, ParticleStream> srs, Map<String, Integer> tiles,
                                                  double offsetCells, long memoryBytes, Map<String, String> files) {
        int n = (int) Math.round(Math.cbrt((double) hr.count()));
        int planes = planesPerSlab(n, memoryBytes);
        Map<String, SeamMetric.Sums> sums = new LinkedHashMap<>();
        for (int x0 = 0; x0 < n; x0 += planes) {
            int count = Math.min(planes, n - x0);
            var h = StreamedLatticeFields.readSlabs(hr, offsetCells, false, x0, count, files.get("HR")).displacement();
            for (var e : srs.entrySet()) {
                var s = StreamedLatticeFields.readSlabs(e.getValue(), offsetCells, false, x0, count, files.get(e.getKey()))
                        .displacement();
                SeamMetric.Sums part = SeamMetric.Sums.of(s, h, tiles.get(e.getKey()));
                sums.merge(e.getKey(), part, SeamMetric.Sums::plus);
            }
        }
        Map<String, SeamMetric> out = new LinkedHashMap<>();
        sums.forEach((name, s) -> out.put(name, s.metric(tiles.get(name))));
        return out;
    }
}
