package org.loupe.snapshot;

import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U32LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_U64LE_g;
import static org.bytedeco.hdf5.global.hdf5.H5T_STD_I32LE_g;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.loupe.AtomicFiles;
import org.loupe.ConfigException;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/**
 * Writes GADGET-4-style HDF5 snapshots that h5py, h5dump, Pylians' readgadget and yt read
 * unchanged: /Header with six-type arrays (the GADGET-2/3 layout every reader knows; GADGET-4
 * itself reads it too), 64-bit totals plus zero HighWords, /Parameters with cosmology and units,
 * /PartTypeN with Coordinates, Velocities (u = v/√a), ParticleIDs (uint64) and Masses only when
 * masses differ. Files are written under temporary names and renamed when all are complete.
 */
public final class SnapshotWriter {

    private static final int NTYPES = 6;
    /** Rows per HDF5 write of a streamed snapshot. */
    private static final int STREAM_BLOCK = 1 << 18;

    private SnapshotWriter() {
    }

    /**
     * Writes {@code particles} to {@code out} ("name.hdf5"; with F files "name.0.hdf5" ...) and
     * returns the written paths.
     */
    public static List<Path> write(Path out, Particles particles, SnapshotMeta meta, WriteOptions options) {
        List<Path> finals = memberPaths(out, options.files());
        int n = particles.count();
        long[] total = new long[NTYPES];
        total[options.particleType()] = n;
        return AtomicFiles.writeAll(finals, temps -> {
            for (int f = 0; f < options.files(); f++) {
                int first = (int) ((long) n * f / options.files());
                int last = (int) ((long) n * (f + 1) / options.files());
                writeFile(temps.get(f), particles, first, last - first, total, meta, options);
            }
        });
    }

    /**
     * Writes member {@code member} of a {@code members}-file snapshot {@code out} ("name.i.hdf5")
     * holding {@code particles}, one task's share of a set of {@code totalCount} particles: the
     * header carries the set's totals, so readers take the members together as one snapshot.
     */
    public static Path writeMember(Path out, int member, int members, long totalCount, Particles particles, SnapshotMeta meta,
                                   WriteOptions options) {
        if (member < 0 || member >= members) {
            throw new ConfigException("member " + member + " of a " + members + "-file snapshot does not exist");
        }
        WriteOptions set = options.withFiles(members);
        Path path = memberPaths(out, members).get(member);
        long[] total = new long[NTYPES];
        total[set.particleType()] = totalCount;
        AtomicFiles.writeAll(List.of(path), temps -> writeFile(temps.get(0), particles, 0, particles.count(), total, meta, set));
        return path;
    }

    /** Produces the particles of a streamed snapshot, one slab at a time, in ID order. */
    public interface SlabSource {

        /** Slabs in the snapshot. */
        int slabs();

        /** Slab {@code i}: equal-mass particles with positions, velocities and IDs. */
        Particles slab(int i);
    }

    /**
     * Writes a one-file snapshot of {@code totalCount} equal-mass particles that {@code source}
     * produces slab by slab: each slab goes into the datasets as soon as it is made, so memory
     * holds one slab, not the box. The datasets are the same, value for value, as
     * {@link #write} of all slabs joined.
     */
    public static Path writeStreamed(Path out, Box box, long totalCount, double massPerParticle, SnapshotMeta meta,
                                     WriteOptions options, SlabSource source) {
        if (options.files() != 1) {
            throw new ConfigException("a streamed snapshot is one uncompressed file");
        }
        return writeRows(out, 0, 1, box, totalCount, totalCount, massPerParticle, meta, options, rows -> {
            long row = 0;
            for (int i = 0; i < source.slabs(); i++) {
                Particles p = source.slab(i);
                rows.write(row, p);
                row += p.count();
            }
        });
    }

    /** Where a producer puts the rows of a streamed member file. */
    public interface Rows {

        /**
         * Writes {@code p} (equal masses, with velocities and IDs) at rows {@code firstRow ...} of
         * the member's datasets; blocks may come in any order and must not overlap.
         */
        void write(long firstRow, Particles p);
    }

    /**
     * Writes member {@code member} of a {@code members}-file snapshot {@code out} (the file itself
     * when {@code members} is 1, else "name.member.hdf5") holding {@code memberCount} of the set's
     * {@code totalCount} equal-mass particles, which {@code producer} hands over block by block:
     * each block goes into the datasets at once, so memory holds one block, not the member.
     */
    public static Path writeRows(Path out, int member, int members, Box box, long memberCount, long totalCount,
                                 double massPerParticle, SnapshotMeta meta, WriteOptions options, Consumer<Rows> producer) {
        if (options.gzipLevel() != 0) {
            throw new ConfigException("a streamed snapshot is one uncompressed file");
        }
        if (member < 0 || member >= members) {
            throw new ConfigException("member " + member + " of a " + members + "-file snapshot does not exist");
        }
        WriteOptions set = options.withFiles(members);
        Path path = memberPaths(out, members).get(member);
        int type = set.particleType();
        double a = 1.0 / (1.0 + meta.redshift());
        double toFileLength = toFileLength(set);
        long[] total = new long[NTYPES];
        total[type] = totalCount;
        AtomicFiles.writeAll(List.of(path), temps -> {
            try (Hdf5Out h5 = Hdf5Out.create(temps.get(0))) {
                writeHeaders(h5, box, massPerParticle, memberCount, total, meta, set);
                long part = h5.group(h5.root(), "PartType" + type);
                try (Hdf5Out.RowStream coords = h5.floatRows(part, "Coordinates", memberCount, 3, 0);
                     Hdf5Out.RowStream vels = h5.floatRows(part, "Velocities", memberCount, 3, 0);
                     Hdf5Out.RowStream ids = h5.longRows(part, "ParticleIDs", memberCount, H5T_STD_U64LE_g(), 0)) {
                    long[] written = {0};
                    producer.accept((firstRow, p) -> {
                        int n = p.count();
                        if (p.velocitiesKmS() == null || p.ids() == null || !p.equalMasses() || firstRow < 0
                                || firstRow + n > memberCount) {
                            throw new ConfigException("a block of a streamed snapshot is not equal-mass particles with velocities"
                                    + " and IDs within rows 0.." + memberCount);
                        }
                        // In blocks, so that the scaled and native copies stay small next to the slab.
                        for (int b0 = 0; b0 < n; b0 += STREAM_BLOCK) {
                            int nb = Math.min(STREAM_BLOCK, n - b0);
                            coords.floats(firstRow + b0, scaled(p.positionsMpcH(), b0, nb, toFileLength,
                                    box.sizeMpcH() * toFileLength));
                            vels.floats(firstRow + b0, scaled(p.velocitiesKmS(), b0, nb, 1.0 / Math.sqrt(a), Double.NaN));
                            ids.longs(firstRow + b0, java.util.Arrays.copyOfRange(p.ids(), b0, b0 + nb));
                        }
                        written[0] += n;
                    });
                    if (written[0] != memberCount) {
                        throw new ConfigException("a streamed snapshot got " + written[0] + " particles, not " + memberCount);
                    }
                }
                h5.closeGroup(part);
            }
        });
        return path;
    }

    /** "name.hdf5" for one file, "name.i.hdf5" for several. */
    public static List<Path> memberPaths(Path out, int files) {
        if (files == 1) {
            return List.of(out);
        }
        String name = out.getFileName().toString();
        String stem = name.endsWith(".hdf5") ? name.substring(0, name.length() - 5) : name;
        List<Path> paths = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            paths.add(out.resolveSibling(stem + "." + f + ".hdf5"));
        }
        return paths;
    }

    private static void writeFile(Path path, Particles p, int first, int count, long[] total, SnapshotMeta meta,
                                  WriteOptions options) {
        int type = options.particleType();
        double a = 1.0 / (1.0 + meta.redshift());
        double toFileLength = toFileLength(options);
        try (Hdf5Out h5 = Hdf5Out.create(path)) {
            writeHeaders(h5, p.box(), p.equalMasses() ? p.massPerParticle() : 0.0, count, total, meta, options);
            long part = h5.group(h5.root(), "PartType" + type);
            int gz = options.gzipLevel();
            h5.floats(part, "Coordinates", scaled(p.positionsMpcH(), first, count, toFileLength, p.box().sizeMpcH() * toFileLength),
                    0, count, 3, gz);
            if (p.velocitiesKmS() != null) {
                h5.floats(part, "Velocities", scaled(p.velocitiesKmS(), first, count, 1.0 / Math.sqrt(a), Double.NaN), 0, count, 3, gz);
            }
            long[] ids = p.ids();
            int idFirst = first;
            if (ids == null) {
                // Only this member's IDs (first+1 … first+count), not the whole run's per file.
                ids = new long[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = first + i + 1L;
                }
                idFirst = 0;
            }
            h5.longs(part, "ParticleIDs", ids, idFirst, count, H5T_STD_U64LE_g(), gz);
            if (!p.equalMasses()) {
                h5.floats(part, "Masses", p.masses(), first, count, 1, gz);
            }
            h5.closeGroup(part);
        }
    }

    /** Header, Parameters, Config and Loupe groups of one member holding {@code count} particles. */
    private static void writeHeaders(Hdf5Out h5, Box box, double massPerParticle, long count, long[] total, SnapshotMeta meta,
                                     WriteOptions options) {
        int type = options.particleType();
        double a = 1.0 / (1.0 + meta.redshift());
        double toFileLength = toFileLength(options);
        long header = h5.group(h5.root(), "Header");
        long[] thisFile = new long[NTYPES];
        thisFile[type] = count;
        double[] massTable = new double[NTYPES];
        massTable[type] = massPerParticle;
        h5.attr(header, "BoxSize", box.sizeMpcH() * toFileLength);
        h5.attr(header, "Time", a);
        h5.attr(header, "Redshift", meta.redshift());
        h5.attrLongs(header, "NumPart_ThisFile", thisFile, H5T_STD_U64LE_g(), false);
        h5.attrLongs(header, "NumPart_Total", total, H5T_STD_U64LE_g(), false);
        h5.attrLongs(header, "NumPart_Total_HighWord", new long[NTYPES], H5T_STD_U32LE_g(), false);
        h5.attr(header, "MassTable", massTable);
        h5.attrLongs(header, "NumFilesPerSnapshot", new long[] {options.files()}, H5T_STD_I32LE_g(), true);
        h5.attr(header, "Omega0", meta.omegaM());
        h5.attr(header, "OmegaLambda", meta.omegaLambda());
        h5.attr(header, "HubbleParam", meta.hubble());
        for (String flag : new String[] {"Flag_Sfr", "Flag_Cooling", "Flag_StellarAge", "Flag_Metals", "Flag_Feedback",
                                         "Flag_DoublePrecision"}) {
            h5.attrLongs(header, flag, new long[] {0}, H5T_STD_I32LE_g(), true);
        }
        writeUnits(h5, header, options);
        h5.closeGroup(header);

        long params = h5.group(h5.root(), "Parameters");
        h5.attr(params, "BoxSize", box.sizeMpcH() * toFileLength);
        h5.attr(params, "Omega0", meta.omegaM());
        h5.attr(params, "OmegaLambda", meta.omegaLambda());
        h5.attr(params, "HubbleParam", meta.hubble());
        h5.attrLongs(params, "ComovingIntegrationOn", new long[] {1}, H5T_STD_I32LE_g(), true);
        for (var e : meta.parameters().entrySet()) {
            h5.attr(params, e.getKey(), e.getValue());
        }
        writeUnits(h5, params, options);
        h5.closeGroup(params);

        // GADGET-4 records its compile options here; NTYPES tells readers the header array length.
        long config = h5.group(h5.root(), "Config");
        h5.attrLongs(config, "NTYPES", new long[] {NTYPES}, H5T_STD_I32LE_g(), true);
        h5.closeGroup(config);

        long loupe = h5.group(h5.root(), "Loupe");
        h5.attr(loupe, "provenance", meta.provenanceJson() == null ? "{}" : meta.provenanceJson());
        h5.closeGroup(loupe);
    }

    /**
     * Mpc/h → stored length units. Unit ratios that are powers of ten (kpc/h: 1000) are made exact,
     * so a 64 Mpc/h box is stored as 64000 kpc/h, not 64000.00000000001, and coordinates just
     * below L stay below the stored BoxSize.
     */
    private static double toFileLength(WriteOptions options) {
        double ratio = UnitSystem.MPC_CM / options.lengthUnitCm();
        double decade = Math.pow(10, Math.rint(Math.log10(ratio)));
        return Math.abs(ratio / decade - 1) < 1e-12 ? decade : ratio;
    }

    private static void writeUnits(Hdf5Out h5, long group, WriteOptions options) {
        h5.attr(group, "UnitLength_in_cm", options.lengthUnitCm());
        h5.attr(group, "UnitMass_in_g", UnitSystem.MASS_1E10_MSUN_G);
        h5.attr(group, "UnitVelocity_in_cm_per_s", 1e5);
    }

    /** Rows [first, first+count) of an interleaved xyz array times {@code factor}; wraps to [0, L) if L given. */
    private static float[] scaled(float[] xyz, int first, int count, double factor, double wrapAt) {
        float[] out = new float[3 * count];
        float f = (float) factor;
        float l = (float) wrapAt;
        for (int i = 0; i < out.length; i++) {
            float v = xyz[3 * first + i] * f;
            if (!Double.isNaN(wrapAt) && v >= l) {
                v -= l;
                if (v >= l || v < 0f) {
                    v = 0f;
                }
            }
            out[i] = v;
        }
        return out;
    }
}
