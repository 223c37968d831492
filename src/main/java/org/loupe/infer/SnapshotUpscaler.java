package org.loupe.infer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.MemoryException;
import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.LinearPower;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.LatticeSlab;
import org.loupe.mesh.LagrangianFields;
import org.loupe.mesh.StreamedLatticeFields;
import org.loupe.model.GeneratorFactory;
import org.loupe.model.ModelFile;
import org.loupe.particles.Box;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.sim.SmallScaleModes;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.tiles.Normalization;
import org.loupe.tiles.PairFields;

/**
 * An LR snapshot → an SR snapshot (or one member of a K-file SR snapshot) with a trained model,
 * streamed: the LR box is held as lattice fields, the network runs tile by tile, and each tile row
 * (s·c HR planes × s·c rows × all z) becomes particles and goes into the file as soon as its tiles
 * are stitched. Memory is the LR fields, a few tile rows and the network's activations
 * ({@link #heapBytes} and README, "Upscale a box": memory model).
 *
 * <p>Use: {@link #plan} (header only: crop, tiling, memory check), then {@link #run} (reads the
 * particles, computes, writes). The CLI builds the provenance from {@link Plan#settings()} between.
 */
public final class SnapshotUpscaler {

    /**
     * Bytes of the Java heap per LR site while reading: the fields (24; a velocity model joins
     * them into one 6-channel array, 24 more for a moment). The particles are read in blocks
     * ({@link #BASE_HEAP_BYTES} holds a block) and never held.
     */
    public static final long READ_BYTES_PER_LR_SITE = 48;

    /** Heap the JVM, the jar's classes, a block of particles being read and small buffers need. */
    public static final long BASE_HEAP_BYTES = 320L << 20;

    private SnapshotUpscaler() {
    }

    /**
     * What a run does, decided from the header and the settings before any particle is read.
     *
     * @param crop LR cells per tile side (c)
     * @param lrSide LR lattice side N
     * @param columns tile columns along x, N / c
     * @param columnFrom first tile column of this part
     * @param columnTo last tile column of this part (exclusive)
     */
    public record Plan(ModelFile model, Settings settings0, int crop, int lrSide, int columns, int columnFrom, int columnTo) {

        /** HR sites per side, s·N. */
        public int hrSide() {
            return model.scale() * lrSide;
        }

        /** Tiles this run computes. */
        public int tiles() {
            return (columnTo - columnFrom) * columns * columns;
        }

        /** Particles this run writes. */
        public long particles() {
            long nh = hrSide();
            return (long) (columnTo - columnFrom) * crop * model.scale() * nh * nh;
        }

        /** Tiling and settings for the provenance. */
        public Map<String, Object> settings() {
            Settings s = settings0;
            Map<String, Object> m = new LinkedHashMap<>(Map.of("cropCells", crop, "haloCells", model.haloCells(),
                    "scale", model.scale(), "batch", s.batch(), "memoryMb", s.memoryBytes() >> 20,
                    "noiseChannels", model.noiseChannels()));
            m.put("velocities", model.velocity() ? "predicted by the model" : s.velocityFallback()
                    + (s.velocityFallback().equals("parent") ? " (the LR particle whose cell holds the site)"
                            : " (LR velocity field interpolated to the site)"));
            if (s.parts() > 1) {
                m.put("parts", s.parts());
                m.put("part", s.part());
                m.put("hrXPlanes", List.of(columnFrom * crop * model.scale(), columnTo * crop * model.scale()));
            }
            return m;
        }

        /**
         * LR planes held beyond a part's tile columns on each side: the input crops reach the halo
         * out, the trilinear baseline one plane more, and one more for safety.
         */
        private int lrMarginPlanes() {
            return model.haloCells() + 2;
        }

        /** First LR x plane this run holds (periodic). */
        public int lrPlaneFrom() {
            return lrPlanes() == lrSide ? 0 : Math.floorMod(columnFrom * crop - lrMarginPlanes(), lrSide);
        }

        /** LR x planes this run holds: all of them, or those of its columns and their margins for a part. */
        public int lrPlanes() {
            return Math.min(lrSide, (columnTo - columnFrom) * crop + 2 * lrMarginPlanes());
        }

        /** Java heap this run needs at its peak ({@link SnapshotUpscaler#heapBytes}). */
        public long heapBytes() {
            return heapBytes(settings0.batch());
        }

        /**
         * As above with {@code batch} tiles per call; a batch larger than the run's tiles holds only
         * its tiles (the network is called with what there is), so --batch 100000 plans no more.
         */
        long heapBytes(int batch) {
            // The initial-condition modes of a model that reads them are a box-wide field of 3·s³
            // values per LR site, like noise channels; drawing them takes about as much again.
            int icChannels = GeneratorFactory.takesIcModes(model.graph()) ? 3 * model.scale() * model.scale() * model.scale() : 0;
            return SnapshotUpscaler.heapBytes(lrSide, lrPlanes(), model.scale(), crop, model.haloCells(), model.channels(),
                    model.noiseChannels() + 2 * icChannels, Math.min(batch, Math.max(1, tiles())));
        }

        /** The largest batch below the one asked for whose plan fits {@code limit}, or 0 when none does. */
        int batchThatFits(long limit) {
            int lo = 0;
            int hi = Math.min(settings0.batch(), Math.max(1, tiles()));
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (heapBytes(mid) <= limit) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /**
     * The settings of a run.
     *
     * @param crop LR cells per tile side wanted, or null to choose from {@code memoryBytes}
     * @param memoryBytes budget for the network's activations (picks the crop)
     * @param batch tiles per network call
     * @param seed noise seed of a stochastic model
     * @param parts K, the members the SR box is split into along x
     * @param part I, the member this run writes
     * @param particleType the particle type read
     * @param latticeOffsetCells lattice site offset (0 or ½), or NaN to detect it
     */
    public record Settings(Integer crop, long memoryBytes, int batch, long seed, int parts, int part, int particleType,
                           double latticeOffsetCells, String velocityFallback) {

        /** With the default velocity fallback of a displacement-only model ({@link #DEFAULT_VELOCITIES}). */
        public Settings(Integer crop, long memoryBytes, int batch, long seed, int parts, int part, int particleType,
                        double latticeOffsetCells) {
            this(crop, memoryBytes, batch, seed, parts, part, particleType, latticeOffsetCells, DEFAULT_VELOCITIES);
        }

        public Settings {
            if (!"parent".equals(velocityFallback) && !"trilinear".equals(velocityFallback)) {
                throw new ConfigException("--velocities must be parent or trilinear, got '" + velocityFallback + "'");
            }
        }
    }

    /**
     * Velocities of a displacement-only model's SR particles: {@code parent} (the LR particle whose
     * cell holds the site; {@link ParentVelocities}) or {@code trilinear} (the LR velocity field
     * interpolated to the site). BENCHMARKS.md, "Velocities of displacement-only models", has the
     * redshift-space measurement that chose the default.
     */
    public static final String DEFAULT_VELOCITIES = "parent";

    /** What a run wrote. */
    public record Result(Path path, long particles, boolean trilinearVelocities, String velocities) {
    }

    /**
     * The crop, tiling and part of an upscale of the box {@code header} describes; refuses a split
     * into more parts than tile columns (exit 2) and a heap too small for the run (exit 7), both
     * before any work.
     */
    public static Plan plan(ModelFile model, SnapshotHeader header, Settings s, long heapLimitBytes) {
        long count = header.count(s.particleType());
        int n = (int) Math.round(Math.cbrt(count));
        if ((long) n * n * n != count) {
            throw new FormatException(header.files().get(0) + ": " + count + " particles are not an N^3 lattice; upscaling needs"
                    + " a lattice snapshot (the LR run's particles with their IDs)");
        }
        int width = (int) model.graph().getLayer("conv0a").getParam("W").size(0);
        int crop = s.crop() != null ? Upscaler.cropFor(n, s.crop())
                : Upscaler.cropForBudget(n, model.scale(), model.haloCells(), width, s.batch(), s.memoryBytes());
        int columns = n / crop;
        if (s.parts() > columns) {
            throw new ConfigException("--parts " + s.parts() + " is more than the " + columns + " tile columns along x (" + n
                    + "^3 LR cells in crops of " + crop + "); use --parts <= " + columns + " or a smaller --crop");
        }
        Plan plan = new Plan(model, s, crop, n, columns, s.part() * columns / s.parts(), (s.part() + 1) * columns / s.parts());
        long need = plan.heapBytes();
        if (need > heapLimitBytes) {
            int fits = plan.batchThatFits(heapLimitBytes);
            String batchHint = fits >= 1 && fits < s.batch() ? "lower --batch to " + fits + " (the tiles of a batch are most of"
                    + " it), or " : "";
            throw new MemoryException(String.format(java.util.Locale.ROOT, "%s: upscaling this %d^3 box needs about %.1f GB of"
                    + " Java heap (%.1f GB given): %sraise LOUPE_HEAP to %dg (bin/loupe sizes it by itself when LOUPE_HEAP is"
                    + " unset)%s", header.files().get(0), n, need / 1e9, heapLimitBytes / 1e9, batchHint, (need >> 30) + 1,
                    s.crop() != null && crop > 8 ? ", or lower --crop" : ""));
        }
        return plan;
    }

    /**
     * Java heap an upscale of an N³ LR box needs at its peak, {@code lrPlanes} of whose x planes it
     * holds (N, or a part's planes and margins): reading, 24 B per LR site held (the fields the
     * particles become while read; {@value #READ_BYTES_PER_LR_SITE} B for a velocity model, whose
     * 6-channel input joins them); afterwards the fields
     * (24 B per site), the box-wide noise of a stochastic model (4 B per site and noise channel), the
     * tile rows in flight (two of the model's and one trilinear velocity row, each s·c × s·c × s·N
     * sites × 4 B per channel, plus its particles a plane at a time) and one batch's tiles. The
     * network's activations live outside the heap (ND4J), bounded by --memory-mb.
     */
    public static long heapBytes(int n, int lrPlanes, int scale, int crop, int halo, int channels, int noiseChannels,
                                 int batch) {
        long sites = (long) n * n * n;
        long held = (long) lrPlanes * n * n;
        long t = (long) scale * crop;
        long nh = (long) scale * n;
        long row = t * t * nh * 4;
        long rows = 2 * row * channels + row * 3 + t * nh * 32 * 2;
        long in = crop + 2L * halo;
        long o = scale * in;
        long tiles = 3L * batch * ((channels + noiseChannels) * in * in * in + channels * o * o * o) * 4;
        long steady = 24 * held + 4L * noiseChannels * sites + rows + tiles;
        long read = (channels == 6 ? READ_BYTES_PER_LR_SITE : READ_BYTES_PER_LR_SITE / 2) * held + sites / 8;
        return BASE_HEAP_BYTES + Math.max(read, steady);
    }

    /**
     * Reads {@code snap}'s particles, upscales them and writes the SR snapshot (with
     * {@code parts} > 1: member {@code part} of {@code out}). {@code lrMass} is the LR particle
     * mass; the SR particles get it ÷ s³. {@code progress} gets tiles done.
     */
    public static Result run(Plan plan, Snapshot snap, double lrMass, Path out, SnapshotMeta meta,
                             IntConsumer progress) {
        ModelFile model = plan.model();
        Settings s = plan.settings0();
        SnapshotHeader h = snap.header();
        boolean trilinearVelocities = !model.velocity();
        // The LR particles become lattice fields while they are read: they are never held; a part
        // of a split box holds only the LR planes its tiles read.
        StreamedLatticeFields.Slabs f = StreamedLatticeFields.readSlabs(snap.stream(s.particleType(), true),
                s.latticeOffsetCells(), true, plan.lrPlaneFrom(), plan.lrPlanes(), String.valueOf(h.files().get(0)));
        LatticeSlab lr = f.displacement();
        LatticeSlab lrVelocity = f.velocity();
        if (model.velocity()) {
            lr = lr.join(lrVelocity);
            lrVelocity = null;
        }
        Cosmology c = new Cosmology(h.omegaM(), h.omegaLambda(), 0.0, h.hubble(), 0.8, 0.96, 0);
        String id = h.files().get(0).toString();
        PairFields read = new PairFields(id, null, null, Normalization.of(c, h.redshift()), lr);
        PairFields fields = GeneratorFactory.takesIcModes(model.graph())
                ? read.withIcs(icModes(plan.lrSide(), model.scale(), h, s.seed())) : read;
        PairFields velocities = trilinearVelocities ? new PairFields(id, null, null, new Normalization(1, 1), lrVelocity) : null;
        Upscaler up = Upscaler.of(model, s.seed());
        Upscaler trilinear = new Upscaler(s.velocityFallback().equals("parent") ? new ParentVelocities(model.scale(),
                model.haloCells()) : (x, t) -> t, model.scale(), model.haloCells(), 3);
        int nh = plan.hrSide();
        // HR site j of the network's output lies at j HR cells from LR site 0 (the training pairs
        // share their origin), and LR site 0 lies at the LR offset (0 or ½ LR cell): the SR sites
        // are shifted by s × that offset in HR cells, so SR sits where its LR box is (issue #25,
        // item 5). The whole cells of the shift relabel the IDs, so that an SR box of an even
        // scale is a corner lattice again (an odd one a centre lattice).
        double srOffset = f.lattice().offsetCells() * model.scale();
        int idShift = (int) Math.floor(srOffset);
        Lattice hrLattice = new Lattice(nh, 1, srOffset, new Box(h.boxMpcH()));
        double mass = lrMass / Math.pow(model.scale(), 3);
        int crop = plan.crop();
        int perSide = plan.columns();
        long firstRow = (long) plan.columnFrom() * crop * model.scale() * nh * nh;
        long total = (long) nh * nh * nh;
        // The SR box keeps its LR box's length unit (a GADGET run in Mpc/h gives SR in Mpc/h, so
        // comparing the files' coordinates needs no factor 1000); h-free inputs get kpc/h.
        var u = h.units();
        WriteOptions write = u.hFree() ? WriteOptions.defaults() : WriteOptions.defaults().withLengthUnitCm(u.lengthUnitCm());
        Path written = SnapshotWriter.writeRows(out, s.part(), s.parts(), hrLattice.box(), plan.particles(), total, mass, meta,
                write, rows -> up.upscaleRows(fields, crop, s.batch(), plan.columnFrom() * perSide,
                        plan.columnTo() * perSide, row -> {
                            Upscaler.TileRow vel = row;
                            int velFirst = 3 * row.side() * row.side() * nh;
                            if (trilinearVelocities) {
                                int r = (row.xFrom() / (model.scale() * crop)) * perSide + row.yFrom() / (model.scale() * crop);
                                Upscaler.TileRow[] got = new Upscaler.TileRow[1];
                                trilinear.upscaleRows(velocities, crop, s.batch(), r, r + 1, t -> got[0] = t, d -> { });
                                vel = got[0];
                                velFirst = 0;
                            }
                            write(rows, row, vel, velFirst, hrLattice, idShift, mass, firstRow);
                        }, progress));
        return new Result(written, plan.particles(), trilinearVelocities, model.velocity() ? "predicted" : s.velocityFallback());
    }

    /**
     * New small scales for an LR box: the modes above its Nyquist frequency of a universe drawn from
     * {@code seed} ({@link SmallScaleModes}), with the box's Ω_m, Ω_Λ and h and the reference runs'
     * baryons and tilt (the field has unit rms, so only the shape of P(k) enters).
     */
    static Grid icModes(int lrSide, int scale, SnapshotHeader h, long seed) {
        Cosmology ref = Cosmology.referenceRuns();
        Cosmology c = new Cosmology(h.omegaM(), h.omegaLambda(), ref.omegaB(), h.hubble(), ref.sigma8(), ref.ns(), 0);
        int nh = scale * lrSide;
        int threads = Runtime.getRuntime().availableProcessors();
        float[] psi = SmallScaleModes.displacement(nh, lrSide, h.boxMpcH(), seed, LinearPower.parse(c, "eh-nowiggle"),
                new JTransformsFft3d(threads), threads);
        return new Grid(nh, 3, h.boxMpcH(), psi, GridInfo.lattice(GridKind.DISPLACEMENT, h.redshift(), List.of()));
    }

    /** A tile row's particles, one HR plane (s·c rows of IDs, contiguous in the file) at a time. */
    private static void write(SnapshotWriter.Rows rows, Upscaler.TileRow row, Upscaler.TileRow vel, int velFirst, Lattice lattice,
                              int idShift, double mass, long firstRow) {
        int nh = row.sitesPerSide();
        int t = row.side();
        int stride = t * t * nh;
        for (int x = 0; x < t; x++) {
            int plane = row.xFrom() + x;
            Particles p = LagrangianFields.toParticles(row.values(), row.offset(0, x, 0), vel.values(),
                    velFirst + vel.offset(0, x, 0), stride, plane, plane + 1, row.yFrom(), t, lattice, mass);
            if (idShift != 0) {
                shiftIds(p.ids(), nh, idShift);
            }
            rows.write(((long) plane * nh + row.yFrom()) * nh - firstRow, p);
        }
    }

    /** IDs 1 + (i·n + j)·n + k become those of site (i + d, j + d, k + d), periodically. */
    static void shiftIds(long[] ids, int n, int d) {
        for (int p = 0; p < ids.length; p++) {
            long site = ids[p] - 1;
            int k = (int) (site % n);
            int j = (int) ((site / n) % n);
            int i = (int) (site / ((long) n * n));
            ids[p] = 1 + ((long) ((i + d) % n) * n + (j + d) % n) * n + (k + d) % n;
        }
    }
}
