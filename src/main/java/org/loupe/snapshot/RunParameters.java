package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

/**
 * The numeric attributes of a snapshot's {@code /Parameters} group (GADGET-4 and AREPO copy their
 * parameter file there: Sigma8, PrimordialIndex, OmegaBaryon, Seed, ...). The header alone does not
 * say σ8, n_s, Ω_b or the IC seed, and a data manifest should record what the files hold.
 */
public final class RunParameters {

    private RunParameters() {
    }

    /** Name → value of every numeric scalar attribute of /Parameters; empty when the group is absent. */
    public static Map<String, Double> read(Path file) {
        Path first = SnapshotFiles.first(file);
        Map<String, Double> out = new LinkedHashMap<>();
        try (HdfFile hdf = SnapshotReader.openHdf(first)) {
            Group params = HeaderParser.group(hdf, "Parameters");
            if (params == null) {
                return out;
            }
            for (String name : params.getAttributes().keySet()) {
                try {
                    double[] v = Attributes.doubles(params, name, first);
                    if (v.length == 1) {
                        out.put(name, v[0]);
                    }
                } catch (org.loupe.FormatException notNumeric) {
                    // Strings (file names, output lists) are not parameters a manifest compares.
                }
            }
            return out;
        } catch (HdfException e) {
            throw SnapshotReader.unreadable(first, e);
        }
    }
}
