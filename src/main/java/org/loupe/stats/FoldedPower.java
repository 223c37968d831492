package org.loupe.stats;

import java.nio.file.Path;
import java.util.List;

/**
 * P(k) measured by folding ({@link PowerSpectrum#folded}): the unfolded mesh's bins at low k and
 * the folded meshes' bins above, each bin with the fold factor of the mesh it came from.
 *
 * @param power the combined spectrum (metadata of the unfolded mesh; shot noise L³/N of the box)
 * @param fold fold factor F between levels
 * @param levels meshes measured: folded F^0, F^1, … F^(levels−1) times
 * @param switchFraction a level's bins end at this fraction of its Nyquist frequency (the last level's do not)
 * @param foldOfBin F^j of the level each bin comes from
 */
public record FoldedPower(PowerResult power, int fold, int levels, double switchFraction, long[] foldOfBin) {

    /** Writes CSV: the power spectrum's metadata and fold settings, then columns k,Pk,Nmodes,P2,P4,fold. */
    public void writeCsv(Path path) {
        List<String[]> header = power.header();
        header.add(new String[] {"fold", Integer.toString(fold)});
        header.add(new String[] {"fold_levels", Integer.toString(levels)});
        header.add(new String[] {"fold_switch_fraction_of_nyquist", Double.toString(switchFraction)});
        ResultTable.writeCsv(path, header, new String[] {"k", "Pk", "Nmodes", "P2", "P4", "fold"},
                new Object[] {power.k(), power.pk(), power.nmodes(), power.p2(), power.p4(), foldOfBin});
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }
}
