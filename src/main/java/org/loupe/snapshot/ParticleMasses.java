package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.Locale;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

import org.loupe.FormatException;

/**
 * Per-particle masses (MassTable 0 and a {@code Masses} dataset, a legal GADGET layout) read as
 * their range only: a command that assumes particles of one mass (upscale's SR mass, power's
 * shot noise L³/N, validate's halo-mass bins) takes equal masses as that mass and refuses
 * unequal ones with a line that says why (issue #25, item 6); paint weights by mass.
 *
 * @param min smallest mass, 1e10 Msun/h
 * @param max largest mass, 1e10 Msun/h
 * @param perParticle whether they come from a Masses dataset (MassTable 0)
 */
public record ParticleMasses(double min, double max, boolean perParticle) {

    /** Masses equal to this relative difference are one mass (float storage). */
    static final double EQUAL = 1e-6;

    /** Whether every particle has the same mass. */
    public boolean equal() {
        return max - min <= EQUAL * Math.abs(max);
    }

    /** What info prints: the mass, or the range of a Masses dataset. */
    public String describe() {
        if (!perParticle) {
            return Double.toString(min);
        }
        return equal() ? String.format(Locale.ROOT, "%.6g (per particle, all equal)", min)
                : String.format(Locale.ROOT, "per particle, %.6g to %.6g (unequal)", min, max);
    }

    /**
     * The one particle mass of {@code type} for {@code command}; refuses unequal masses, since
     * {@code why} (what the command assumes) would be wrong for them.
     */
    public static double requireEqual(Snapshot snap, int type, String command, String why) {
        ParticleMasses m = of(snap, type);
        if (!(m.min() > 0) || !Double.isFinite(m.max())) {
            throw new FormatException(snap.header().files().get(0) + ": the particle masses are not positive and finite (" + m.min()
                    + " to " + m.max() + "); fix MassTable or the Masses dataset");
        }
        if (!m.equal()) {
            throw new FormatException(String.format(Locale.ROOT, "%s: the particles of type %d have unequal masses (Masses"
                    + " dataset, %.6g to %.6g 1e10 Msun/h); %s assumes particles of one mass (%s): use equal-mass dark matter,"
                    + " or paint, which weights by mass", snap.header().files().get(0), type, m.min(), m.max(), command, why));
        }
        return m.perParticle() ? 0.5 * (m.min() + m.max()) : m.min();
    }

    /** The range of the masses of {@code type}: the header's when MassTable holds it, else read from every member. */
    public static ParticleMasses of(Snapshot snap, int type) {
        SnapshotHeader h = snap.header();
        if (h.mass(type) > 0) {
            return new ParticleMasses(h.mass(type), h.mass(type), false);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int block = 1 << 20;
        float[] buf = new float[block];
        for (Path file : h.files()) {
            try (HdfFile hdf = SnapshotReader.openHdf(file)) {
                long count = Snapshot.memberCount(hdf, file, type);
                if (count == 0) {
                    continue;
                }
                Group part = HeaderParser.group(hdf, "PartType" + type);
                if (part == null) {
                    throw new FormatException(file + ": header lists " + count + " particles of type " + type
                            + " but there is no /PartType" + type + " group");
                }
                var ds = Snapshot.dataset(part, "Masses", file, count, 1);
                for (long from = 0; from < count; from += block) {
                    int n = (int) Math.min(block, count - from);
                    DatasetReader.readFloatRows(ds, file, hdf.getUserBlockSize(), from, n, buf, DatasetReader.RangeHook.NONE);
                    for (int i = 0; i < n; i++) {
                        float m = buf[i];
                        min = Math.min(min, m); // NaN stays NaN: refused as not positive
                        max = Math.max(max, m);
                    }
                }
            } catch (HdfException e) {
                throw SnapshotReader.unreadable(file, e);
            }
        }
        double f = h.units().massTo1e10MsunH();
        return new ParticleMasses(min * f, max * f, true);
    }
}
