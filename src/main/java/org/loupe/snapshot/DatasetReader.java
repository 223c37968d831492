package org.loupe.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;

import org.loupe.FormatException;
import org.loupe.Parallel;

/**
 * Reads a whole numeric dataset of shape (rows) or (rows, cols) into a flat primitive array at an
 * offset, without jHDF's boxed or nested paths: contiguous data through a {@link FileChannel} in
 * large blocks, chunked data chunk by chunk (decompressed by jHDF), anything else via
 * {@code getDataFlat()}.
 */
final class DatasetReader {

    /** Bytes per block for contiguous reads. */
    private static final int BLOCK_BYTES = 8 << 20;

    /**
     * Direct read buffers of {@link #BLOCK_BYTES}, reused: as many exist as blocks were ever read
     * at once (the kernels' threads are new on every call, so a per-thread buffer would not be).
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> BUFFERS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Where decoded elements go. */
    private interface Sink {
        void put(ElementType type, ByteBuffer src, int destIndex, int count);
    }

    /**
     * Work applied to each decoded range {@code [from, to)} of the destination while it is still
     * in cache (unit conversion, checks); must be safe to call concurrently on disjoint ranges.
     */
    @FunctionalInterface
    interface RangeHook {
        void apply(int from, int to);

        RangeHook NONE = (from, to) -> { };
    }

    private DatasetReader() {
    }

    /** Reads every element as float into {@code dest[destOffset ...]}. */
    static void readFloats(Dataset ds, Path file, long userBlock, float[] dest, int destOffset) {
        readFloats(ds, file, userBlock, dest, destOffset, RangeHook.NONE);
    }

    /** As above, then runs {@code hook} on every decoded destination range. */
    static void readFloats(Dataset ds, Path file, long userBlock, float[] dest, int destOffset, RangeHook hook) {
        read(ds, file, userBlock, (t, src, i, n) -> {
            t.toFloats(src, dest, destOffset + i, n);
            hook.apply(destOffset + i, destOffset + i + n);
        });
    }

    /** Reads every element as long into {@code dest[destOffset ...]}. */
    static void readLongs(Dataset ds, Path file, long userBlock, long[] dest, int destOffset) {
        requireIntegers(ds, file);
        read(ds, file, userBlock, (t, src, i, n) -> t.toLongs(src, dest, destOffset + i, n));
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rows)} of a (rows) or (rows, cols) dataset as floats
     * into {@code dest[0 ...]}, then runs {@code hook} on the decoded ranges: what a streamed read
     * takes at a time. Contiguous data is read from the range's bytes, chunked data from the
     * chunks that overlap it.
     */
    static void readFloatRows(Dataset ds, Path file, long userBlock, long firstRow, int rows, float[] dest, RangeHook hook) {
        readRows(ds, file, userBlock, firstRow, rows, (t, src, i, n) -> {
            t.toFloats(src, dest, i, n);
            hook.apply(i, i + n);
        });
    }

    /** As {@link #readFloatRows} for integers (particle IDs). */
    static void readLongRows(Dataset ds, Path file, long userBlock, long firstRow, int rows, long[] dest) {
        requireIntegers(ds, file);
        readRows(ds, file, userBlock, firstRow, rows, (t, src, i, n) -> t.toLongs(src, dest, i, n));
    }

    /** Particle IDs must be integers: float IDs above 2^24 collide, so the file cannot be used (named with its dataset). */
    private static void requireIntegers(Dataset ds, Path file) {
        String where = file + ":" + ds.getPath();
        if (ElementType.of(ds.getDataType(), where).floating()) {
            throw new FormatException(where + ": particle IDs are stored as floating point; IDs must be integers (rewrite the"
                    + " dataset as uint64, e.g. with h5py)");
        }
    }

    private static void readRows(Dataset ds, Path file, long userBlock, long firstRow, int rows, Sink sink) {
        String where = file + ":" + ds.getPath();
        ElementType type = ElementType.of(ds.getDataType(), where);
        long[] dims = ds.getDimensionsAsLong();
        int cols = 1;
        for (int d = 1; d < dims.length; d++) {
            cols *= (int) dims[d];
        }
        long from = firstRow * cols;
        int count = rows * cols;
        try {
            if (ds instanceof ContiguousDataset c) {
                readContiguous(c, file, userBlock, type, from, count, sink, where);
            } else if (ds instanceof ChunkedDataset c) {
                readChunked(c, type, firstRow, rows, sink, where);
            } else {
                // Compact or other small layouts: the whole dataset, passing on the range.
                read(ds, file, userBlock, (t, src, i, n) -> {
                    long a = Math.max(i, from);
                    long b = Math.min((long) i + n, from + count);
                    if (a < b) {
                        ByteBuffer part = src.duplicate();
                        part.position(src.position() + (int) (a - i) * t.bytes());
                        sink.put(t, part, (int) (a - from), (int) (b - a));
                    }
                });
            }
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(where, e);
        }
    }

    /** The one-line error of a dataset jHDF could not read: truncation or an unsupported filter, and the fix. */
    private static FormatException unreadable(String where, RuntimeException e) {
        return new FormatException(where + ": cannot read dataset (" + describe(e)
                + "); the file may be truncated or use an unsupported filter (scale-offset, n-bit and Blosc are not supported:"
                + " rewrite it with gzip or no compression, e.g. h5repack -f GZIP=4)", e);
    }

    private static void read(Dataset ds, Path file, long userBlock, Sink sink) {
        String where = file + ":" + ds.getPath();
        ElementType type = ElementType.of(ds.getDataType(), where);
        long size = ds.getSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new FormatException(where + ": " + size + " elements exceed one Java array; split the snapshot into more files");
        }
        try {
            if (ds.isEmpty() || size == 0) {
                return;
            }
            if (ds instanceof ContiguousDataset c) {
                readContiguous(c, file, userBlock, type, 0, (int) size, sink, where);
            } else if (ds instanceof ChunkedDataset c) {
                int rows = ds.getDimensions()[0];
                readChunked(c, type, 0, rows, sink, where);
            } else {
                readFlat(ds, type, (int) size, sink);
            }
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(where, e);
        }
    }

    /** Elements [from, from + size) of a contiguous dataset; the sink gets indices relative to {@code from}. */
    private static void readContiguous(ContiguousDataset ds, Path file, long userBlock, ElementType type, long from, int size,
                                       Sink sink, String where) {
        long start = ds.getDataAddress() + userBlock + from * type.bytes();
        long bytes = (long) size * type.bytes();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (start + bytes > ch.size()) {
                throw new FormatException(where + ": dataset ends at byte " + (start + bytes) + " but the file has only "
                        + ch.size() + " bytes; the file is truncated: copy it again");
            }
            int perBlock = Math.max(1, BLOCK_BYTES / type.bytes());
            int blocks = (int) ((size + (long) perBlock - 1) / perBlock);
            // Blocks read into a direct buffer per thread, not memory-mapped: a mapped block stays
            // in the process's resident memory until the collector finds its buffer, and a run
            // that reads a box many times (validate's slabs) grew by gigabytes of such pages.
            // Blocks are independent, so two threads share them.
            Parallel.forEach(blocks, Parallel.defaultThreads(), b -> {
                int e0 = b * perBlock;
                int n = Math.min(perBlock, size - e0);
                ByteBuffer polled = BUFFERS.poll();
                ByteBuffer buf = polled != null ? polled : ByteBuffer.allocateDirect(BLOCK_BYTES);
                try {
                    buf.clear().limit(n * type.bytes());
                    long at = start + (long) e0 * type.bytes();
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, at + buf.position()) < 0) {
                            throw new IOException("end of file at byte " + (at + buf.position()));
                        }
                    }
                    buf.flip();
                    sink.put(type, buf, e0, n);
                } catch (IOException e) {
                    throw new FormatException(where + ": read failed: " + e.getMessage(), e);
                } finally {
                    BUFFERS.offer(buf);
                }
            });
        } catch (IOException e) {
            throw new FormatException(where + ": read failed: " + e.getMessage(), e);
        }
    }

    /** Rows [firstRow, firstRow + rowCount) of a chunked dataset; the sink gets indices relative to the first row. */
    private static void readChunked(ChunkedDataset ds, ElementType type, long firstRow, int rowCount, Sink sink, String where) {
        int[] dims = ds.getDimensions();
        int[] chunk = ds.getChunkDimensions();
        int rows = dims[0];
        int cols = dims.length > 1 ? dims[1] : 1;
        for (int d = 2; d < dims.length; d++) {
            cols *= dims[d];
        }
        if (dims.length > 2) {
            throw new FormatException(ds.getPath() + ": chunked datasets of rank " + dims.length + " are not supported");
        }
        int chunkRows = chunk[0];
        int chunkCols = dims.length > 1 ? chunk[1] : 1;
        int lo = (int) firstRow;
        int hi = lo + rowCount;
        int firstChunk = lo / chunkRows;
        int rowChunks = (hi + chunkRows - 1) / chunkRows - firstChunk;
        int finalCols = cols;
        boolean checksummed = Fletcher32.present(ds);
        // Chunks decompress independently (jHDF reads them with positional reads): two threads
        // inflate two chunks at a time, each writing its own rows of the destination.
        Parallel.forEach(rowChunks, Parallel.defaultThreads(), rc -> {
            int r0 = (firstChunk + rc) * chunkRows;
            // The rows of this chunk inside [lo, hi).
            int a = Math.max(r0, lo);
            int b = Math.min(Math.min(r0 + chunkRows, rows), hi);
            for (int c0 = 0; c0 < finalCols; c0 += chunkCols) {
                int[] offset = dims.length > 1 ? new int[] {r0, c0} : new int[] {r0};
                if (checksummed) {
                    Fletcher32.verify(ds, offset, where);
                }
                ByteBuffer raw = ByteBuffer.wrap(ds.getDecompressedChunk(offset));
                int nc = Math.min(chunkCols, finalCols - c0);
                if (nc == finalCols && chunkCols == finalCols) {
                    raw.position((a - r0) * finalCols * type.bytes());
                    sink.put(type, raw, (a - lo) * finalCols, (b - a) * finalCols);
                } else {
                    for (int r = a; r < b; r++) {
                        raw.position((r - r0) * chunkCols * type.bytes());
                        sink.put(type, raw, (r - lo) * finalCols + c0, nc);
                    }
                }
            }
        });
    }

    private static void readFlat(Dataset ds, ElementType type, int size, Sink sink) {
        Object flat = ds.getDataFlat();
        ByteBuffer buf = ByteBuffer.allocate(size * 8).order(type.order());
        ElementType asStored;
        if (flat instanceof float[] f) {
            buf.asFloatBuffer().put(f);
            asStored = new ElementType(true, 4, true, type.order());
        } else if (flat instanceof double[] d) {
            buf.asDoubleBuffer().put(d);
            asStored = new ElementType(true, 8, true, type.order());
        } else if (flat instanceof long[] l) {
            buf.asLongBuffer().put(l);
            asStored = new ElementType(false, 8, true, type.order());
        } else if (flat instanceof int[] i) {
            buf.asIntBuffer().put(i);
            asStored = new ElementType(false, 4, true, type.order());
        } else {
            throw new FormatException(ds.getPath() + ": unsupported stored data " + flat.getClass().getSimpleName());
        }
        sink.put(asStored, buf, 0, size);
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
