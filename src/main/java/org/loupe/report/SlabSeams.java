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

    /**
     * The sums of one slab of planes. A method of its own so that the slab's fields are garbage
     * when it returns, before the next slab is read: the plan holds one SR and one HR slab.
     */
    private static Map<String, SeamMetric.Sums> sums(ParticleStream hr, Map<String, ParticleStream> srs, Map<String, Integer> tiles,
                                                     double offsetCells, Map<String, String> files, int x0, int count) {
        Map<String, SeamMetric.Sums> out = new LinkedHashMap<>();
        var h = StreamedLatticeFields.readSlabs(hr, offsetCells, false, x0, count, files.get("HR")).displacement();
        for (var e : srs.entrySet()) {
            out.put(e.getKey(), part(e.getValue(), h, offsetCells, files.get(e.getKey()), tiles.get(e.getKey())));
        }
        return out;
    }

    /** One SR box's sums on the planes of {@code hr}'s slab (its own slab garbage on return). */
    private static SeamMetric.Sums part(ParticleStream sr, org.loupe.mesh.LatticeSlab hr, double offsetCells, String file, int tile) {
        var s = StreamedLatticeFields.readSlabs(sr, offsetCells, false, hr.xFrom(), hr.xCount(), file).displacement();
        return SeamMetric.Sums.of(s, hr, tile);
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
            sums(hr, srs, tiles, offsetCells, files, x0, count).forEach((name, part) -> sums.merge(name, part, SeamMetric.Sums::plus));
        }
        Map<String, SeamMetric> out = new LinkedHashMap<>();
        sums.forEach((name, s) -> out.put(name, s.metric(tiles.get(name))));
        return out;
    }
}
