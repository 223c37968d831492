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
        return new SnapshotStream(header, options, type, withIdsAndVelocities, streamWrapped);
    }

    private final AtomicLong streamWrapped = new AtomicLong();

    /** Coordinates the last {@link #stream} pass wrapped into the box. */
    public long wrappedCount() {
        return streamWrapped.get();
    }

    /** The arrays one read fills (velocities and masses may be null) and the unit fixes applied per range. */
    private record Targets(float[] pos, float[] vel, long[] ids, float[] masses, DatasetReader.RangeHook positionFix,
                          DatasetReader.RangeHook velocityFix) {
    }

    /** Reads member {@code file}'s particles of {@code type} into {@code into} from {@code offset}; returns how many. */
    private int readFile(Path file, int type, int offset, int total, Targets into) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            long count = memberCount(hdf, file, type);
            if (count == 0) {
                return 0;
            }
            Group part = particleGroup(hdf, file, type, count, offset, total);
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

    /** Particles of {@code type} in member {@code file} (its NumPart_ThisFile); refuses a member without a header. */
    static long memberCount(HdfFile hdf, Path file, int type) {
        Group header = HeaderParser.group(hdf, "Header");
        if (header == null) {
            throw new FormatException(file + ": no /Header group; this member file is not a snapshot");
        }
        long[] thisFile = Attributes.longs(header, "NumPart_ThisFile", file);
        return type < thisFile.length ? thisFile[type] : 0;
    }

    /**
     * Member {@code file}'s /PartType{@code type} group, holding {@code count} of the {@code total}
     * particles after the {@code before} of earlier members; refuses members that overrun the total.
     */
    static Group particleGroup(HdfFile hdf, Path file, int type, long count, long before, long total) {
        if (before + count > total) {
            throw new FormatException(file + ": NumPart_ThisFile adds up to more than NumPart_Total (" + total
                    + "); the files do not belong together");
        }
        Group part = HeaderParser.group(hdf, "PartType" + type);
        if (part == null) {
            throw new FormatException(file + ": header lists " + count + " particles of type " + type
                    + " but there is no /PartType" + type + " group");
        }
        return part;
    }

    static Dataset dataset(Group part, String name, Path file, long rows, int cols) {
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
    static long convertPositions(float[] pos, int from, int to, float toMpcH, Box box, Path file) {
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
    static void convertVelocities(float[] vel, int from, int to, float toKmS, Path file) {
        for (int i = from; i < to; i++) {
            float v = vel[i] * toKmS;
            if (!Float.isFinite(v)) {
                throw new FormatException(file + ": particle " + (i / 3) + " has a non-finite velocity; the snapshot is corrupt");
            }
            vel[i] = v;
        }
    }
}
