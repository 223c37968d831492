package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.testing.Cli;
import org.loupe.testing.ExternalTools;
import org.loupe.testing.Python;
import org.loupe.testing.SharedData;

/** Issue #25, item 7: Fletcher32 checksums are verified; a flipped bit is exit 3, not a moved particle. */
class Fletcher32Test {

    @TempDir
    Path dir;

    /** Every single-bit flip changes the sum (what the check relies on); HDF5 agreement is the h5py test below. */
    @Test
    void everyFlippedBitChangesTheChecksum() {
        byte[] data = new byte[1001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        long sum = Fletcher32.checksum(data, data.length);
        for (int bit = 0; bit < 8 * data.length; bit += 7) {
            data[bit / 8] ^= (byte) (1 << (bit % 8));
            org.junit.jupiter.api.Assertions.assertNotEquals(sum, Fletcher32.checksum(data, data.length), "bit " + bit);
            data[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    @Test
    @ExternalTools
    void aFlippedBitInAChecksummedChunkIsRefusedAndAnIntactFileRead() throws Exception {
        Python.requireH5py();
        var r = Python.script(Fletcher32Test.class, "fletcher.py", dir,
                SharedData.path("gadget4/A_N016/snapshot_004.hdf5").toString(), dir.resolve("f").toString());
        assertEquals(0, r.exitCode(), r.output());
        Path ok = dir.resolve("f_ok.hdf5");
        Path bad = dir.resolve("f_bad.hdf5");
        var read = Cli.run("power", ok.toString(), "--grid", "16", "--out", dir.resolve("ok.csv").toString());
        assertEquals(0, read.code(), "an intact checksummed file is read: " + read.err());
        Cli.run("power", bad.toString(), "--grid", "16", "--out", dir.resolve("pk.csv").toString())
                .userError(3, "f_bad.hdf5", "Coordinates", "Fletcher32 checksum", "corrupt");
        Cli.run("paint", bad.toString(), "--grid", "16", "--out", dir.resolve("d.hdf5").toString())
                .userError(3, "Fletcher32 checksum");
        assertFalse(Files.exists(dir.resolve("pk.csv")) || Files.exists(dir.resolve("d.hdf5")));
    }
}
