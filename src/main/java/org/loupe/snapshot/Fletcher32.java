package org.loupe.snapshot;

import java.nio.ByteBuffer;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;

import org.loupe.FormatException;

/**
 * Verifies HDF5's Fletcher32 checksum filter (id 3) on every chunk read: jHDF passes such chunks
 * through unchecked, so a flipped bit moved a particle by 25 Mpc/h without a word, where h5py
 * refuses the file (issue #25, item 7). The checksum is the last filter on write, so the raw
 * chunk is the encoded data followed by its 32-bit checksum, little-endian (HDF5's
 * H5Z_filter_fletcher32 and H5_checksum_fletcher32; files of HDF5 < 1.6.3 store it with its
 * 16-bit halves byte-swapped, which HDF5 still accepts, and so does this).
 */
final class Fletcher32 {

    static final int FILTER_ID = 3;

    private Fletcher32() {
    }

    static boolean present(Dataset ds) {
        for (PipelineFilterWithData f : ds.getFilters()) {
            if (f.getId() == FILTER_ID) {
                return true;
            }
        }
        return false;
    }

    /** Refuses the chunk at {@code offset} when its stored checksum does not match its bytes. */
    static void verify(ChunkedDataset ds, int[] offset, String where) {
        ByteBuffer raw = ds.getRawChunkBuffer(offset).duplicate();
        int n = raw.remaining();
        if (n < 4) {
            throw corrupt(where, offset, "is shorter than its checksum");
        }
        byte[] b = new byte[n];
        raw.get(b);
        long stored = (b[n - 4] & 0xffL) | (b[n - 3] & 0xffL) << 8 | (b[n - 2] & 0xffL) << 16 | (b[n - 1] & 0xffL) << 24;
        long sum = checksum(b, n - 4);
        long reversed = ((sum & 0x00ff00ffL) << 8) | ((sum >>> 8) & 0x00ff00ffL);
        if (stored != sum && stored != reversed) {
            throw corrupt(where, offset, String.format("fails its Fletcher32 checksum (stored %08x, computed %08x)", stored, sum));
        }
    }

    private static FormatException corrupt(String where, int[] offset, String what) {
        return new FormatException(where + ": the chunk at " + java.util.Arrays.toString(offset) + " " + what
                + "; the file is corrupt (a changed or damaged copy): copy it again from the original");
    }

    /** H5_checksum_fletcher32 of {@code data[0, len)}: 16-bit big-endian words, sums folded every 360 words. */
    static long checksum(byte[] data, int len) {
        long sum1 = 0;
        long sum2 = 0;
        int words = len / 2;
        int p = 0;
        while (words > 0) {
            int t = Math.min(words, 360);
            words -= t;
            for (int i = 0; i < t; i++) {
                sum1 += ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
                p += 2;
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        if (len % 2 != 0) {
            sum1 += (data[p] & 0xff) << 8;
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        return ((sum2 << 16) | sum1) & 0xffffffffL;
    }
}
