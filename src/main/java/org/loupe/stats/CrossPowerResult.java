package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loupe.ShapeMismatchException;

/**
 * Auto and cross power of two fields on the same bins (docs/conventions.md), with the correlation
 * coefficient r(k) = P12/√(P11 P22) and the transfer function T(k) = √(P11/P22) (field 1 is the
 * prediction, field 2 the target: T = √(P_SR/P_HR)). k in h/Mpc, P in (Mpc/h)³.
 *
 * @param first metadata of field 1
 * @param second metadata of field 2
 * @param k mean |k| per bin
 * @param pk1 auto power of field 1
 * @param pk2 auto power of field 2
 * @param pk12 cross power, Re⟨δ1 δ2*⟩ (never shot-noise corrected)
 * @param r correlation coefficient
 * @param transfer √(Pk1/Pk2)
 * @param nmodes independent modes per bin
 */
public record CrossPowerResult(PowerMeta first, PowerMeta second, double[] k, double[] pk1, double[] pk2,
                               double[] pk12, double[] r, double[] transfer, long[] nmodes) {

    public CrossPowerResult {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        int n = k.length;
        if (pk1.length != n || pk2.length != n || pk12.length != n || r.length != n || transfer.length != n
                || nmodes.length != n) {
            throw new ShapeMismatchException("cross power columns differ in length (k has " + n + " bins)");
        }
    }

    /** Builds a result, computing r(k) and T(k) from the three powers. */
    public static CrossPowerResult of(PowerMeta first, PowerMeta second, double[] k, double[] pk1, double[] pk2,
                                      double[] pk12, long[] nmodes) {
        double[] r = new double[k.length];
        double[] t = new double[k.length];
        for (int b = 0; b < k.length; b++) {
            r[b] = pk12[b] / Math.sqrt(pk1[b] * pk2[b]);
            t[b] = Math.sqrt(pk1[b] / pk2[b]);
        }
        return new CrossPowerResult(first, second, k, pk1, pk2, pk12, r, t, nmodes);
    }

    /** Number of bins. */
    public int size() {
        return k.length;
    }

    /** Writes CSV: metadata of both fields (keys prefixed field1./field2.), then k,Pk1,Pk2,Pk12,r,Nmodes,T. */
    public void writeCsv(Path path) {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"loupe", "cross power spectrum"});
        h.add(new String[] {"units", "k in h/Mpc (mean |k| of the bin's modes), P in (Mpc/h)^3; T = sqrt(Pk1/Pk2)"});
        h.addAll(first.header("field1."));
        h.addAll(second.header("field2."));
        ResultTable.writeCsv(path, h, new String[] {"k", "Pk1", "Pk2", "Pk12", "r", "Nmodes", "T"},
                new Object[] {k, pk1, pk2, pk12, r, nmodes, transfer});
    }

    /** Reads a CSV written by {@link #writeCsv(Path)}. */
    public static CrossPowerResult readCsv(Path path) {
        ResultTable.Parsed t = ResultTable.readCsv(path);
        String f = path.toString();
        PowerResult.requireKind(t.header().get("loupe"), "cross power spectrum", f);
        return new CrossPowerResult(
                PowerMeta.fromHeader(t.header(), t.all("field1.source"), "field1.", f),
                PowerMeta.fromHeader(t.header(), t.all("field2.source"), "field2.", f),
                t.column("k", f), t.column("Pk1", f), t.column("Pk2", f), t.column("Pk12", f), t.column("r", f),
                t.column("T", f), t.longColumn("Nmodes", f));
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }

    /** Reads a JSON file written by {@link #writeJson(Path)}. */
    public static CrossPowerResult readJson(Path path) {
        return ResultTable.readJson(path, CrossPowerResult.class);
    }
}
