package org.loupe.infer;

import java.nio.file.Path;
import java.util.List;

import org.loupe.FormatException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.model.ModelFile;
import org.loupe.tiles.Normalization;
import org.loupe.tiles.PairFields;

/**
 * Runs a model once on a still LR box of two sites per side before any input is read: a network
 * that does not take what its metadata describes (a zip that mixes one model's network with
 * another's metadata, written before the metadata recorded its network's sha256) is a damaged
 * file, exit 3, not a crash in the middle of a run (issue #25, item 8). One tile of 2 + 2·halo
 * LR cells: well under a second.
 */
public final class ModelProbe {

    private ModelProbe() {
    }

    public static void check(ModelFile model, Path file) {
        int n = 2;
        int c = model.channels();
        Grid still = new Grid(n, c, 1.0, new float[c * n * n * n], GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
        Grid out;
        try {
            PairFields probe = new PairFields("probe", still, null, new Normalization(1, 1));
            if (org.loupe.model.GeneratorFactory.takesIcModes(model.graph())) {
                int nh = n * model.scale();
                probe = probe.withIcs(new Grid(nh, 3, 1.0, new float[3 * nh * nh * nh], still.info()));
            }
            out = Upscaler.of(model, 0).upscale(probe, n, 1, t -> { });
        } catch (RuntimeException e) {
            throw mismatch(file, String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (out.size() != n * model.scale() || out.channels() != c) {
            throw mismatch(file, "it makes " + out.channels() + " x " + out.size() + "^3 from 2^3 LR sites", null);
        }
        for (float v : out.values()) {
            if (!Float.isFinite(v)) {
                throw mismatch(file, "it makes non-finite values from a still box", null);
            }
        }
    }

    private static FormatException mismatch(Path file, String why, Throwable cause) {
        return new FormatException(file + ": the network in this model zip does not fit its metadata (scale, channels,"
                + " noise): " + why + "; a mixed or damaged model zip: use the model.zip that train wrote", cause);
    }
}
