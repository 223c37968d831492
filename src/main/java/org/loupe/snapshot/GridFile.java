package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;

/**
 * Loupe's grid file: one HDF5 dataset {@code /grid} of shape (C, N, N, N) float32 in C order, with
 * the grid's metadata as attributes on it (box, kind, window, interlacing, redshift, particle
 * count, sources with sha256) and the provenance manifest as a JSON string.
 */
public final class GridFile {

    private static final String DATASET = "grid";
    private static final String MAGIC = "loupe-grid-1";

    private GridFile() {
    }

    /** Writes {@code grid} to {@code target} atomically (temp name, then rename). */
    public static void write(Path target, Grid grid, String provenanceJson, int gzipLevel) {
        AtomicFiles.write(target, tmp -> {
            try (Hdf5Out h5 = Hdf5Out.create(tmp)) {
                long n = grid.size();
                h5.floatsShaped(h5.root(), DATASET, grid.values(), new long[] {grid.channels(), n, n, n}, gzipLevel);
                long root = h5.root();
                GridInfo info = grid.info();
                h5.attr(root, "format", MAGIC);
                h5.attr(root, "boxMpcH", grid.boxMpcH());
                h5.attr(root, "size", grid.size());
                h5.attr(root, "channels", grid.channels());
                h5.attr(root, "kind", info.kind().name());
                h5.attr(root, "window", info.window() == null ? "none" : info.window().name());
                h5.attr(root, "interlaced", info.interlaced() ? 1 : 0);
                h5.attr(root, "redshift", info.redshift());
                h5.attr(root, "particleCount", info.particleCount());
                List<String> paths = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                for (SourceFile s : info.sources()) {
                    paths.add(s.path());
                    hashes.add(s.sha256());
                }
                h5.attr(root, "sourcePaths", String.join("\n", paths));
                h5.attr(root, "sourceSha256", String.join("\n", hashes));
                h5.attr(root, "provenance", provenanceJson == null ? "{}" : provenanceJson);
            }
        });
    }

    /** True when {@code file} is a Loupe grid file (rather than a snapshot). */
    public static boolean isGridFile(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute a = hdf.getAttribute("format");
            return a != null && MAGIC.equals(String.valueOf(a.getData()));
        } catch (HdfException | IllegalArgumentException e) {
            return false;
        }
    }

    public static Grid read(Path file) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            Attribute magic = hdf.getAttribute("format");
            if (magic == null || !MAGIC.equals(String.valueOf(magic.getData()))) {
                throw new FormatException(file + ": not a Loupe grid file (no format = " + MAGIC + " attribute); make one with `loupe paint`");
            }
            Node node = hdf.getChildren().get(DATASET);
            if (!(node instanceof Dataset ds)) {
                throw new FormatException(file + ": grid file has no /" + DATASET + " dataset; it is incomplete: paint it again");
            }
            double sizeValue = Attributes.scalar(hdf, "size", file);
            double channelsValue = Attributes.scalar(hdf, "channels", file);
            if (!(sizeValue >= 1 && sizeValue <= 65536) || !(channelsValue >= 1 && channelsValue <= 64)) {
                throw new FormatException(file + ": grid attributes size = " + sizeValue + ", channels = " + channelsValue
                        + " are implausible; the grid file is corrupt: paint it again");
            }
            int size = (int) sizeValue;
            int channels = (int) channelsValue;
            double box = Attributes.scalar(hdf, "boxMpcH", file);
            if (!(box > 0) || Double.isInfinite(box)) {
                throw new FormatException(file + ": grid attribute boxMpcH = " + box + " is not a positive box size;"
                        + " the grid file is corrupt: paint it again");
            }
            long expected = (long) channels * size * size * size;
            if (ds.getSize() != expected) {
                throw new FormatException(file + ": /grid holds " + ds.getSize() + " values but the attributes say "
                        + channels + " x " + size + "^3");
            }
            float[] values = new float[(int) expected];
            DatasetReader.readFloats(ds, file, hdf.getUserBlockSize(), values, 0);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new FormatException(file + ": /grid value " + i + " is " + values[i] + "; the grid file is corrupt:"
                            + " paint it again");
                }
            }
            String window = string(hdf, "window");
            List<SourceFile> sources = new ArrayList<>();
            String paths = string(hdf, "sourcePaths");
            String hashes = string(hdf, "sourceSha256");
            if (!paths.isEmpty()) {
                String[] p = paths.split("\n");
                String[] h = hashes.split("\n");
                for (int i = 0; i < p.length; i++) {
                    sources.add(new SourceFile(p[i], i < h.length ? h[i] : ""));
                }
            }
            GridInfo info = new GridInfo(enumAttribute(GridKind.class, string(hdf, "kind"), "kind", file),
                    "none".equals(window) ? null : enumAttribute(Window.class, window, "window", file),
                    Attributes.scalar(hdf, "interlaced", file) != 0,
                    Attributes.scalar(hdf, "redshift", file),
                    (long) Attributes.scalar(hdf, "particleCount", file), sources);
            return new Grid(size, channels, box, values, info);
        } catch (HdfException e) {
            throw SnapshotReader.unreadable(file, e);
        }
    }

    private static <E extends Enum<E>> E enumAttribute(Class<E> type, String value, String name, Path file) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw new FormatException(file + ": grid attribute " + name + " = '" + value + "' is none of "
                + java.util.Arrays.toString(type.getEnumConstants()) + "; the grid file is corrupt: paint it again");
    }

    /** The provenance JSON stored in a grid file. */
    public static String provenance(Path file) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            return string(hdf, "provenance");
        }
    }

    private static String string(Node node, String name) {
        Attribute a = node.getAttribute(name);
        return a == null ? "" : String.valueOf(a.getData());
    }
}
