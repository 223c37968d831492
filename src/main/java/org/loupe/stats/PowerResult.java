package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loupe.FormatException;
import org.loupe.ShapeMismatchException;

/**
 * An auto power spectrum with its monopole, quadrupole and hexadecapole, per non-empty bin.
 * k in h/Mpc (mean |k| of the modes in the bin), P in (Mpc/h)³.
 *
 * @param meta how and from what it was measured
 * @param k mean |k| per bin
 * @param pk monopole P(k) (shot noise subtracted only if {@code meta.shotNoiseSubtracted()})
 * @param p2 quadrupole about {@code meta.losAxis()}
 * @param p4 hexadecapole
 * @param nmodes independent modes per bin (one per ±k pair)
 */
public record PowerResult(PowerMeta meta, double[] k, double[] pk, double[] p2, double[] p4, long[] nmodes) {

    public PowerResult {
        Objects.requireNonNull(meta, "meta");
        int n = k.length;
        if (pk.length != n || p2.length != n || p4.length != n || nmodes.length != n) {
            throw new ShapeMismatchException("power spectrum columns differ in length (k has " + n + " bins)");
        }
    }

    /** Number of bins. */
    public int size() {
        return k.length;
    }

    /** Writes CSV: `# key: value` metadata lines, then columns k,Pk,Nmodes,P2,P4. */
    public void writeCsv(Path path) {
        ResultTable.writeCsv(path, header(), new String[] {"k", "Pk", "Nmodes", "P2", "P4"},
                new Object[] {k, pk, nmodes, p2, p4});
    }

    /** Reads a CSV written by {@link #writeCsv(Path)}. */
    public static PowerResult readCsv(Path path) {
        ResultTable.Parsed t = ResultTable.readCsv(path);
        String f = path.toString();
        requireKind(t.header().get("loupe"), "power spectrum", f);
        PowerMeta meta = PowerMeta.fromHeader(t.header(), t.all("source"), "", f);
        return new PowerResult(meta, t.column("k", f), t.column("Pk", f), t.column("P2", f), t.column("P4", f),
                t.longColumn("Nmodes", f));
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }

    /** Reads a JSON file written by {@link #writeJson(Path)}. */
    public static PowerResult readJson(Path path) {
        return ResultTable.readJson(path, PowerResult.class);
    }

    List<String[]> header() {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"loupe", "power spectrum"});
        h.add(new String[] {"units", "k in h/Mpc (mean |k| of the bin's modes), P in (Mpc/h)^3"});
        h.addAll(meta.header(""));
        return h;
    }

    static void requireKind(String found, String expected, String file) {
        if (!expected.equals(found)) {
            throw new FormatException(file + ": expected a Loupe " + expected + " CSV ('# loupe: " + expected
                    + "'), found '" + found + "'");
        }
    }
}
