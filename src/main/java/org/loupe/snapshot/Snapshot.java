package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import org.loupe.FormatException;
import org.loupe.particles.Box;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * An opened snapshot: its header, and particles read on demand from all member files, converted
 * to internal units and wrapped into [0, L).
 */
public final class Snapshot {

    private final SnapshotHeader header;
    private final ReadOptions options;

    Snapshot(SnapshotHeader header, ReadOptions options) {
        this.header = header;
        this.options = options;
    }

    public SnapshotHeader header() {
        return header;
    }

    /** Particles of the type in the read options. */
    public Particles readParticles() {
        return load(options.particleType()).particles();
    }

    /** Particles of {@code type}. */
    public Particles readParticles(int type) {
        return load(type).particles();
    }

    /**
     * Above this fraction of coordinates outside [0, L) the length unit is wrong: a few particles
     * just past the edge are normal (periodic codes store them unwrapped), most of them are not.
     */
    static final double UNIT_MISTAKE_FRACTION = 0.25;

    /** Reads all files' particles of {@code type} and reports what had to be fixed. */
    public ParticleLoad load(int type) {
        long total = header.count(type);
        if (total == 0) {
            throw new FormatException(header.files().get(0) + ": the snapshot holds no particles of type " + type
                    + " (NumPart_Total = " + java.util.Arrays.toString(header.numPartTotal()) + "); choose another particle type");
        }
        if (total > Integer.MAX_VALUE / 3) {
            throw new FormatException(header.files().get(0) + ": " + total + " particles exceed what one process holds"
                    + " in flat arrays (715 million); read a subset of files");
        }
        int n = (int) total;
        float[] pos = new float[3 * n];
        float[] vel = options.readVelocities() ? new float[3 * n] : null;
        long[] ids = new long[n];
        boolean perParticleMass = header.mass(type) == 0;
        float[] masses = perParticleMass ? new float[n] : null;
        UnitSystem u = header.units();
        Box box = new Box(header.boxMpcH());
        AtomicLong wrapped = new AtomicLong();
        DatasetReader.RangeHook positionFix = (from, to) -> wrapped.addAndGet(
                convertPositions(pos, from, to, (float) u.lengthToMpcH(), box, header.files().get(0)));
        DatasetReader.RangeHook velocityFix = (from, to) ->
                convertVelocities(vel, from, to, (float) u.velocityToKmS(header.scaleFactor()), header.files().get(0));
        Targets into = new Targets(pos, vel, ids, masses, positionFix, velocityFix);
        int offset = 0;
        for (Path file : header.files()) {
            offset += readFile(file, type, offset, n, into);
        }
        if (offset != n) {
            throw new FormatException(header.files().get(0) + ": files hold " + offset + " particles of type " + type
                    + " but NumPart_Total says " + n + "; a member file is from another snapshot or incomplete");
        }
        if (masses != null) {
            scale(masses, u.massTo1e10MsunH());
        }
        if (wrapped.get() > UNIT_MISTAKE_FRACTION * pos.length) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s: %.0f %% of the coordinates lie outside the box"
                    + " [0, %.6g Mpc/h) as read (stored unit %s): a length-unit mistake, not particles that drifted out;"
                    + " set snapshot.lengthUnitCm in a config (kpc/h = 3.085678e21, Mpc/h = 3.085678e24)",
                    header.files().get(0), 100.0 * wrapped.get() / pos.length, box.sizeMpcH(), u.lengthUnitName()));
        }
        Particles particles = new Particles(box, pos, vel, ids, perParticleMass ? Double.NaN : header.mass(type), masses);
        return new ParticleLoad(particles, wrapped.get());
    }

    /**
     * The particles of {@code type} as a stream of blocks read from the member files in order
     * (positions in Mpc/h wrapped into [0, L), masses when MassTable is 0; no velocities or IDs):
     * painting from it holds one block, not the snapshot. The blocks' arrays are reused: a sink
     * must not keep them. {@link #wrappedCount()} counts what the last pass wrapped.
     */
    public ParticleStream stream(int type) {
        return stream(type, false);
    }

    /**
     * As {@link #stream(int)}; with {@code withIdsAndVelocities} the blocks also carry IDs and
     * (when the read options ask for them) velocities in km/s: enough to build lattice fields
     * while reading.
     */
    public ParticleStream stream(int type, boolean withIdsAndVelocities) {
        long total = header.count(type);
        if (total == 0) {
            throw new FormatException(header.files().get(0) + ": the snapshot holds no particles of type " + type
                    + " (NumPart_Total = " + java.util.Arrays.toString(header.numPartTotal()) + "); choose another particle type");
        }
        Box box = new Box(header.boxMpcH());
        return new ParticleStream() {
            @Override
            public Box box() {
                return box;
            }

            @Override
            public long count() {
                return total;
            }

            @Override
            public void forEachBlock(int block, java.util.function.Consumer<Particles> sink) {
                streamBlocks(type, total, box, block, withIdsAndVelocities, sink);
            }
        };
    }

    private final AtomicLong streamWrapped = new AtomicLong();

    /** Coordinates the last {@link #stream} pass wrapped into the box. */
    public long wrappedCount() {
        return streamWrapped.get();
    }

    private void streamBlocks(int type, long total, Box box, int block, boolean extras,
                              java.util.function.Consumer<Particles> sink) {
        UnitSystem u = header.units();
        boolean perParticleMass = header.mass(type) == 0;
        float toMpcH = (float) u.lengthToMpcH();
        float[] pos = new float[3 * block];
        float[] masses = perParticleMass ? new float[block] : null;
        float[] rowBuf = new float[3 * block];
        float[] massBuf = perParticleMass ? new float[block] : null;
        long[] ids = extras ? new long[block] : null;
        long[] idBuf = extras ? new long[block] : null;
        boolean withVel = extras && options.readVelocities();
        float[] vel = withVel ? new float[3 * block] : null;
        float toKmS = (float) u.velocityToKmS(header.scaleFactor());
        streamWrapped.set(0);
        long seen = 0;
        int filled = 0;
        Path first = header.files().get(0);
        for (Path file : header.files()) {
            try (HdfFile hdf = SnapshotReader.openHdf(file)) {
                Group head = HeaderParser.group(hdf, "Header");
                if (head == null) {
                    throw new FormatException(file + ": no /Header group; this member file is not a snapshot");
                }
                long[] thisFile = Attributes.longs(head, "NumPart_ThisFile", file);
                long count = type < thisFile.length ? thisFile[type] : 0;
                if (count == 0) {
                    continue;
                }
                if (seen + count > total) {
                    throw new FormatException(file + ": NumPart_ThisFile adds up to more than NumPart_Total (" + total
                            + "); the files do not belong together");
                }
                Group part = HeaderParser.group(hdf, "PartType" + type);
                if (part == null) {
                    throw new FormatException(file + ": header lists " + count + " particles of type " + type
                            + " but there is no /PartType" + type + " group");
                }
                long userBlock = hdf.getUserBlockSize();
                Dataset coords = dataset(part, "Coordinates", file, count, 3);
                Dataset mass = perParticleMass ? dataset(part, "Masses", file, count, 1) : null;
                Dataset idSet = extras ? dataset(part, "ParticleIDs", file, count, 1) : null;
                Dataset velSet = withVel ? dataset(part, "Velocities", file, count, 3) : null;
                for (long row = 0; row < count; ) {
                    int take = (int) Math.min(block - filled, count - row);
                    int at = 3 * filled;
                    DatasetReader.readFloatRows(coords, file, userBlock, row, take, rowBuf, DatasetReader.RangeHook.NONE);
                    System.arraycopy(rowBuf, 0, pos, at, 3 * take);
                    streamWrapped.addAndGet(convertPositions(pos, at, at + 3 * take, toMpcH, box, file));
                    if (mass != null) {
                        DatasetReader.readFloatRows(mass, file, userBlock, row, take, massBuf, DatasetReader.RangeHook.NONE);
                        System.arraycopy(massBuf, 0, masses, filled, take);
                    }
                    if (idSet != null) {
                        DatasetReader.readLongRows(idSet, file, userBlock, row, take, idBuf);
                        System.arraycopy(idBuf, 0, ids, filled, take);
                    }
                    if (velSet != null) {
                        DatasetReader.readFloatRows(velSet, file, userBlock, row, take, rowBuf, DatasetReader.RangeHook.NONE);
                        System.arraycopy(rowBuf, 0, vel, at, 3 * take);
                        convertVelocities(vel, at, at + 3 * take, toKmS, file);
                    }
                    filled += take;
                    row += take;
                    seen += take;
                    if (filled == block) {
                        emit(pos, vel, ids, masses, filled, type, box, u, sink, seen, first);
                        filled = 0;
                    }
                }
            } catch (HdfException e) {
                throw SnapshotReader.unreadable(file, e);
            }
        }
        if (filled > 0) {
            emit(pos, vel, ids, masses, filled, type, box, u, sink, seen, first);
        }
        if (seen != total) {
            throw new FormatException(first + ": files hold " + seen + " particles of type " + type
                    + " but NumPart_Total says " + total + "; a member file is from another snapshot or incomplete");
        }
    }

    /** Hands one full block on, after the unit-mistake check on everything read so far. */
    private void emit(float[] pos, float[] vel, long[] ids, float[] masses, int count, int type, Box box, UnitSystem u,
                      java.util.function.Consumer<Particles> sink, long seen, Path first) {
        if (streamWrapped.get() > UNIT_MISTAKE_FRACTION * 3 * seen) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s: %.0f %% of the coordinates lie outside the box"
                    + " [0, %.6g Mpc/h) as read (stored unit %s): a length-unit mistake, not particles that drifted out;"
                    + " set snapshot.lengthUnitCm in a config (kpc/h = 3.085678e21, Mpc/h = 3.085678e24)",
                    first, 100.0 * streamWrapped.get() / (3.0 * seen), box.sizeMpcH(), u.lengthUnitName()));
        }
        float[] m = null;
        if (masses != null) {
            m = masses.length == count ? masses : java.util.Arrays.copyOf(masses, count);
            float f = (float) u.massTo1e10MsunH();
            if (f != 1f) {
                m = m.clone();
                for (int i = 0; i < m.length; i++) {
                    m[i] *= f;
                }
            }
        }
        float[] p = pos.length == 3 * count ? pos : java.util.Arrays.copyOf(pos, 3 * count);
        float[] v = vel == null || vel.length == 3 * count ? vel : java.util.Arrays.copyOf(vel, 3 * count);
        long[] id = ids == null || ids.length == count ? ids : java.util.Arrays.copyOf(ids, count);
        sink.accept(new Particles(box, p, v, id, masses == null ? header.mass(type) : Double.NaN, m));
    }

    /** The arrays one read fills (velocities and masses may be null) and the unit fixes applied per range. */
    private record Targets(float[] pos, float[] vel, long[] ids, float[] masses, DatasetReader.RangeHook positionFix,
                          DatasetReader.RangeHook velocityFix) {
    }

    /** Reads member {@code file}'s particles of {@code type} into {@code into} from {@code offset}; returns how many. */
    private int readFile(Path file, int type, int offset, int total, Targets into) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            Group header = HeaderParser.group(hdf, "Header");
            if (header == null) {
                throw new FormatException(file + ": no /Header group; this member file is not a snapshot");
            }
            long[] thisFile = Attributes.longs(header, "NumPart_ThisFile", file);
            long count = type < thisFile.length ? thisFile[type] : 0;
            if (count == 0) {
                return 0;
            }
            if (offset + count > total) {
                throw new FormatException(file + ": NumPart_ThisFile adds up to more than NumPart_Total (" + total
                        + "); the files do not belong together");
            }
            Group part = HeaderParser.group(hdf, "PartType" + type);
            if (part == null) {
                throw new FormatException(file + ": header lists " + count + " particles of type " + type
                        + " but there is no /PartType" + type + " group");
            }
            long userBlock = hdf.getUserBlockSize();
            Dataset coords = dataset(part, "Coordinates", file, count, 3);
            DatasetReader.readFloats(coords, file, userBlock, into.pos(), 3 * offset, into.positionFix());
            if (into.vel() != null) {
                DatasetReader.readFloats(dataset(part, "Velocities", file, count, 3), file, userBlock, into.vel(), 3 * offset,
                        into.velocityFix());
            }
            DatasetReader.readLongs(dataset(part, "ParticleIDs", file, count, 1), file, userBlock, into.ids(), offset);
            if (into.masses() != null) {
                DatasetReader.readFloats(dataset(part, "Masses", file, count, 1), file, userBlock, into.masses(), offset);
            }
            return (int) count;
        } catch (HdfException e) {
            String m = String.valueOf(e.getMessage());
            if (m.toLowerCase(java.util.Locale.ROOT).contains("layout")) {
                throw new FormatException(file + ": a dataset uses a storage layout jHDF cannot read (" + m + "), as in SWIFT's"
                        + " virtual meta-files: pass the per-rank files (name.0.hdf5 ...) instead", e);
            }
            throw SnapshotReader.unreadable(file, e);
        }
    }

    private static Dataset dataset(Group part, String name, Path file, long rows, int cols) {
        Node node = part.getChildren().get(name);
        if (!(node instanceof Dataset ds)) {
            String hint = name.equals("Masses") ? " (MassTable is 0 for this type, so per-particle masses are required)" : "";
            throw new FormatException(file + ": dataset " + part.getPath() + name + " is missing" + hint);
        }
        long[] dims = ds.getDimensionsAsLong();
        long expectedCols = dims.length > 1 ? dims[1] : 1;
        if (dims.length == 0 || dims[0] != rows || expectedCols != cols) {
            throw new FormatException(file + ": " + ds.getPath() + " has shape " + java.util.Arrays.toString(dims)
                    + " but the header says " + rows + " particles" + (cols > 1 ? " x " + cols : ""));
        }
        return ds;
    }

    private static void scale(float[] a, double f) {
        if (f == 1.0) {
            return;
        }
        float ff = (float) f;
        for (int i = 0; i < a.length; i++) {
            a[i] *= ff;
        }
    }

    /**
     * Converts positions [from, to) to Mpc/h, rejects NaN/inf and wraps into [0, L); returns how
     * many needed wrapping. Runs per decoded block, while the block is in cache.
     */
    private static long convertPositions(float[] pos, int from, int to, float toMpcH, Box box, Path file) {
        float l = (float) box.sizeMpcH();
        long wrapped = 0;
        for (int i = from; i < to; i++) {
            float x = pos[i] * toMpcH;
            if (x >= 0f && x < l) {
                pos[i] = x;
                continue;
            }
            if (!Float.isFinite(x)) {
                throw new FormatException(file + ": particle " + (i / 3) + " has a non-finite coordinate (" + pos[i]
                        + "); the snapshot is corrupt");
            }
            pos[i] = box.wrap(x);
            wrapped++;
        }
        return wrapped;
    }

    /** Converts velocities [from, to) to peculiar km/s and rejects NaN/inf. */
    private static void convertVelocities(float[] vel, int from, int to, float toKmS, Path file) {
        for (int i = from; i < to; i++) {
            float v = vel[i] * toKmS;
            if (!Float.isFinite(v)) {
                throw new FormatException(file + ": particle " + (i / 3) + " has a non-finite velocity; the snapshot is corrupt");
            }
            vel[i] = v;
        }
    }
}
