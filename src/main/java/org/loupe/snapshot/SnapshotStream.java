package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

import org.loupe.FormatException;
import org.loupe.particles.Box;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * A snapshot's particles of one type read block by block from its member files in order, with the
 * same unit conversion, wrapping and checks as {@link Snapshot#load}: what {@link Snapshot#stream}
 * returns. A block is exactly the requested size except the last, whatever the member files' and
 * chunks' sizes, so painting in blocks gives the same sums as painting the particles in memory.
 */
final class SnapshotStream implements ParticleStream {

    private final SnapshotHeader header;
    private final ReadOptions options;
    private final int type;
    private final boolean extras;
    private final AtomicLong wrapped;
    private final long total;
    private final Box box;

    SnapshotStream(SnapshotHeader header, ReadOptions options, int type, boolean idsAndVelocities, AtomicLong wrapped) {
        this.header = header;
        this.options = options;
        this.type = type;
        this.extras = idsAndVelocities;
        this.wrapped = wrapped;
        this.total = header.count(type);
        if (total == 0) {
            throw new FormatException(header.files().get(0) + ": the snapshot holds no particles of type " + type
                    + " (NumPart_Total = " + java.util.Arrays.toString(header.numPartTotal()) + "); choose another particle type");
        }
        this.box = new Box(header.boxMpcH());
    }

    @Override
    public Box box() {
        return box;
    }

    @Override
    public long count() {
        return total;
    }

    @Override
    public void forEachBlock(int requested, Consumer<Particles> sink) {
        // No buffers larger than the snapshot: a small one is a single (last) block.
        int block = (int) Math.min(requested, total);
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
        wrapped.set(0);
        long seen = 0;
        int filled = 0;
        Path first = header.files().get(0);
        for (Path file : header.files()) {
            try (HdfFile hdf = SnapshotReader.openHdf(file)) {
                long count = Snapshot.memberCount(hdf, file, type);
                if (count == 0) {
                    continue;
                }
                Group part = Snapshot.particleGroup(hdf, file, type, count, seen, total);
                long userBlock = hdf.getUserBlockSize();
                Dataset coords = Snapshot.dataset(part, "Coordinates", file, count, 3);
                Dataset mass = perParticleMass ? Snapshot.dataset(part, "Masses", file, count, 1) : null;
                Dataset idSet = extras ? Snapshot.dataset(part, "ParticleIDs", file, count, 1) : null;
                Dataset velSet = withVel ? Snapshot.dataset(part, "Velocities", file, count, 3) : null;
                for (long row = 0; row < count; ) {
                    int take = (int) Math.min(block - filled, count - row);
                    int at = 3 * filled;
                    DatasetReader.readFloatRows(coords, file, userBlock, row, take, rowBuf, DatasetReader.RangeHook.NONE);
                    System.arraycopy(rowBuf, 0, pos, at, 3 * take);
                    wrapped.addAndGet(Snapshot.convertPositions(pos, at, at + 3 * take, toMpcH, box, file));
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
                        Snapshot.convertVelocities(vel, at, at + 3 * take, toKmS, file);
                    }
                    filled += take;
                    row += take;
                    seen += take;
                    if (filled == block) {
                        emit(pos, vel, ids, masses, filled, u, sink, seen, first);
                        filled = 0;
                    }
                }
            } catch (HdfException e) {
                throw SnapshotReader.unreadable(file, e);
            }
        }
        if (filled > 0) {
            emit(pos, vel, ids, masses, filled, u, sink, seen, first);
        }
        if (seen != total) {
            throw new FormatException(first + ": files hold " + seen + " particles of type " + type
                    + " but NumPart_Total says " + total + "; a member file is from another snapshot or incomplete");
        }
    }

    /** Hands one full block on, after the unit-mistake check on everything read so far. */
    private void emit(float[] pos, float[] vel, long[] ids, float[] masses, int count, UnitSystem u, Consumer<Particles> sink,
                      long seen, Path first) {
        if (wrapped.get() > Snapshot.UNIT_MISTAKE_FRACTION * 3 * seen) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s: %.0f %% of the coordinates lie outside the box"
                    + " [0, %.6g Mpc/h) as read (stored unit %s): a length-unit mistake, not particles that drifted out;"
                    + " set snapshot.lengthUnitCm in a config (kpc/h = 3.085678e21, Mpc/h = 3.085678e24)",
                    first, 100.0 * wrapped.get() / (3.0 * seen), box.sizeMpcH(), u.lengthUnitName()));
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
}
