package org.loupe.snapshot;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

import org.loupe.FormatException;
import org.loupe.OutputException;

/**
 * A new HDF5 file written through the HDF Group's C library (bytedeco preset, same JavaCPP
 * version as ND4J's). Writes flat primitive arrays in row blocks, optionally chunked with
 * shuffle + gzip, so memory stays bounded and no nested Java arrays are needed.
 */
final class Hdf5Out implements AutoCloseable {

    /** Rows per write block (and per chunk when compressing). */
    private static final int BLOCK_ROWS = 1 << 18;

    private static boolean initialised;

    private final Path path;
    private final long file;

    private Hdf5Out(Path path, long file) {
        this.path = path;
        this.file = file;
    }

    static synchronized void init() {
        if (!initialised) {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            check(H5open(), "H5open", null);
            // The library prints its error stack to stderr on every failed call; Loupe reports
            // each failure itself, in one line.
            H5Eset_auto2(H5E_DEFAULT, null, null);
            initialised = true;
        }
    }

    static Hdf5Out create(Path path) {
        init();
        long f = H5Fcreate(path.toString(), H5F_ACC_TRUNC(), H5P_DEFAULT, H5P_DEFAULT);
        if (f < 0) {
            throw new OutputException(path + ": cannot create HDF5 file; check that the folder exists and is writable");
        }
        return new Hdf5Out(path, f);
    }

    long root() {
        return file;
    }

    long group(long parent, String name) {
        long gcpl = H5Pcreate(H5P_CLS_GROUP_CREATE_ID_g());
        H5Pset_obj_track_times(gcpl, false);
        try {
            return check(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl, H5P_DEFAULT), "create group " + name, path);
        } finally {
            H5Pclose(gcpl);
        }
    }

    void closeGroup(long g) {
        H5Gclose(g);
    }

    void attr(long loc, String name, double value) {
        attr(loc, name, new double[] {value}, true);
    }

    void attr(long loc, String name, double[] values) {
        attr(loc, name, values, false);
    }

    private void attr(long loc, String name, double[] values, boolean scalar) {
        try (DoublePointer p = new DoublePointer(values)) {
            writeAttr(loc, name, H5T_IEEE_F64LE_g(), H5T_NATIVE_DOUBLE_g(), scalar ? -1 : values.length, p);
        }
    }

    /** Integer attribute(s) stored with file type {@code fileType} (e.g. H5T_STD_U64LE_g()). */
    void attrLongs(long loc, String name, long[] values, long fileType, boolean scalar) {
        try (LongPointer p = new LongPointer(values)) {
            writeAttr(loc, name, fileType, H5T_NATIVE_INT64_g(), scalar ? -1 : values.length, p);
        }
    }

    void attr(long loc, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long type = H5Tcopy(H5T_C_S1_g());
        H5Tset_size(type, Math.max(1, bytes.length));
        H5Tset_strpad(type, H5T_STR_NULLTERM);
        long space = H5Screate(H5S_SCALAR);
        try (BytePointer p = new BytePointer(bytes.length + 1)) {
            p.put(bytes).put(bytes.length, (byte) 0);
            long a = check(H5Acreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + name, path);
            check(H5Awrite(a, type, p), "write attribute " + name, path);
            H5Aclose(a);
        } finally {
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    private void writeAttr(long loc, String name, long fileType, long memType, int length, Pointer data) {
        long space = length < 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, new long[] {length}, null);
        try {
            long a = check(H5Acreate2(loc, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + name, path);
            check(H5Awrite(a, memType, data), "write attribute " + name, path);
            H5Aclose(a);
        } finally {
            H5Sclose(space);
        }
    }

    /** A (rows × cols) float32 dataset from a flat row-major array (cols = 1 writes a 1-D dataset). */
    void floats(long loc, String name, float[] data, int offsetRows, int rows, int cols, int gzipLevel) {
        dataset(loc, name, rows, cols, H5T_IEEE_F32LE_g(), H5T_NATIVE_FLOAT_g(), gzipLevel, (r0, nr) -> {
            FloatPointer p = new FloatPointer((long) nr * cols);
            p.put(data, (offsetRows + r0) * cols, nr * cols);
            return p;
        });
    }

    /** A rank-1 or rank-4 float32 dataset of {@code dims} from a flat C-order array (grids). */
    void floatsShaped(long loc, String name, float[] data, long[] dims, int gzipLevel) {
        long rows = dims[0];
        long cols = 1;
        for (int d = 1; d < dims.length; d++) {
            cols *= dims[d];
        }
        long space = H5Screate_simple(dims.length, dims, null);
        long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
        H5Pset_obj_track_times(dcpl, false);
        if (gzipLevel > 0) {
            long[] chunk = dims.clone();
            chunk[0] = 1;
            H5Pset_chunk(dcpl, dims.length, chunk);
            H5Pset_shuffle(dcpl);
            H5Pset_deflate(dcpl, gzipLevel);
        }
        long ds = check(H5Dcreate2(loc, name, H5T_IEEE_F32LE_g(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT), "dataset " + name, path);
        try (FloatPointer p = new FloatPointer(data)) {
            check(H5Dwrite(ds, H5T_NATIVE_FLOAT_g(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p), "write " + name + " (" + rows + "x" + cols + ")", path);
        } finally {
            H5Dclose(ds);
            H5Pclose(dcpl);
            H5Sclose(space);
        }
    }

    /** A 1-D dataset of non-negative integers stored with {@code fileType}. */
    void longs(long loc, String name, long[] data, int offset, int rows, long fileType, int gzipLevel) {
        dataset(loc, name, rows, 1, fileType, H5T_NATIVE_INT64_g(), gzipLevel, (r0, nr) -> {
            LongPointer p = new LongPointer(nr);
            p.put(data, offset + r0, nr);
            return p;
        });
    }

    /**
     * A (rows × cols) dataset created whole and filled in consecutive row blocks by the caller, so
     * that a snapshot can be written while it is computed (the data of a block written at once
     * is the same as in {@link #floats} / {@link #longs}).
     */
    final class RowStream implements AutoCloseable {

        private final String name;
        private final int cols;
        private final long memType;
        private final long space;
        private final long dcpl;
        private final long ds;
        private final int rank;

        private RowStream(long loc, String name, long rows, int cols, long fileType, long memType, int gzipLevel) {
            this.name = name;
            this.cols = cols;
            this.memType = memType;
            rank = cols == 1 ? 1 : 2;
            long[] dims = rank == 1 ? new long[] {rows} : new long[] {rows, cols};
            space = H5Screate_simple(rank, dims, null);
            dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
            // No modification times in object headers: the same data gives byte-identical files.
            H5Pset_obj_track_times(dcpl, false);
            if (gzipLevel > 0 && rows > 0) {
                long chunkRows = Math.min(rows, BLOCK_ROWS);
                H5Pset_chunk(dcpl, rank, rank == 1 ? new long[] {chunkRows} : new long[] {chunkRows, cols});
                H5Pset_shuffle(dcpl);
                H5Pset_deflate(dcpl, gzipLevel);
            }
            ds = check(H5Dcreate2(loc, name, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), "dataset " + name, path);
        }

        /** Rows [firstRow, firstRow + rows) from {@code block} (rows × cols values, row-major). */
        void write(long firstRow, int rows, Pointer block) {
            long[] start = rank == 1 ? new long[] {firstRow} : new long[] {firstRow, 0};
            long[] count = rank == 1 ? new long[] {rows} : new long[] {rows, cols};
            long mem = H5Screate_simple(rank, count, null);
            try {
                check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, null, count, null), "select rows of " + name, path);
                check(H5Dwrite(ds, memType, mem, space, H5P_DEFAULT, block), "write " + name, path);
            } finally {
                H5Sclose(mem);
            }
        }

        void floats(long firstRow, float[] data) {
            try (FloatPointer p = new FloatPointer(data)) {
                write(firstRow, data.length / cols, p);
            }
        }

        void longs(long firstRow, long[] data) {
            try (LongPointer p = new LongPointer(data)) {
                write(firstRow, data.length / cols, p);
            }
        }

        @Override
        public void close() {
            H5Dclose(ds);
            H5Pclose(dcpl);
            H5Sclose(space);
        }
    }

    /** A float32 {@link RowStream}. */
    RowStream floatRows(long loc, String name, long rows, int cols, int gzipLevel) {
        return new RowStream(loc, name, rows, cols, H5T_IEEE_F32LE_g(), H5T_NATIVE_FLOAT_g(), gzipLevel);
    }

    /** An integer {@link RowStream} stored with {@code fileType}. */
    RowStream longRows(long loc, String name, long rows, long fileType, int gzipLevel) {
        return new RowStream(loc, name, rows, 1, fileType, H5T_NATIVE_INT64_g(), gzipLevel);
    }

    private interface BlockSource {
        Pointer block(int firstRow, int rows);
    }

    private void dataset(long loc, String name, int rows, int cols, long fileType, long memType, int gzipLevel,
                         BlockSource source) {
        try (RowStream stream = new RowStream(loc, name, rows, cols, fileType, memType, gzipLevel)) {
            for (int r0 = 0; r0 < rows; r0 += BLOCK_ROWS) {
                int nr = Math.min(BLOCK_ROWS, rows - r0);
                try (Pointer p = source.block(r0, nr)) {
                    stream.write(r0, nr, p);
                }
            }
        }
    }

    @Override
    public void close() {
        check(H5Fclose(file), "close", path);
    }

    private static long check(long status, String what, Path path) {
        if (status < 0) {
            throw new OutputException((path == null ? "HDF5" : path.toString()) + ": HDF5 failed to " + what
                    + "; check free disk space and permissions");
        }
        return status;
    }
}
