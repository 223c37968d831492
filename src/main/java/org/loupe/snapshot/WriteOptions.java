package org.loupe.snapshot;

import org.loupe.ConfigException;

/**
 * How to write a snapshot.
 *
 * @param files number of member files (1 writes {@code name.hdf5}; F &gt; 1 writes {@code name.0.hdf5 ...})
 * @param lengthUnitCm length unit of the stored coordinates in cm per h (kpc/h = 3.085678e21, the
 *                     GADGET default that Pylians and yt assume; Mpc/h = 3.085678e24)
 * @param gzipLevel 0 for contiguous datasets, 1–9 for chunked shuffle + gzip
 * @param particleType the PartTypeN group to write
 */
public record WriteOptions(int files, double lengthUnitCm, int gzipLevel, int particleType) {

    public static final double KPC_CM = 3.085678e21;

    public WriteOptions {
        if (files < 1) {
            throw new ConfigException("a snapshot needs at least one file, got files = " + files);
        }
        if (gzipLevel < 0 || gzipLevel > 9) {
            throw new ConfigException("gzip level must be 0 (none) to 9, got " + gzipLevel);
        }
        if (!(lengthUnitCm > 0)) {
            throw new ConfigException("length unit must be positive (cm), got " + lengthUnitCm);
        }
    }

    /** One file, kpc/h, uncompressed, dark matter. */
    public static WriteOptions defaults() {
        return new WriteOptions(1, KPC_CM, 0, 1);
    }

    public WriteOptions withFiles(int f) {
        return new WriteOptions(f, lengthUnitCm, gzipLevel, particleType);
    }

    public WriteOptions withGzip(int level) {
        return new WriteOptions(files, lengthUnitCm, level, particleType);
    }

    public WriteOptions withLengthUnitCm(double cm) {
        return new WriteOptions(files, cm, gzipLevel, particleType);
    }
}
