package org.loupe.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import org.loupe.ConfigException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.model.GeneratorFactory;
import org.loupe.model.ModelFile;
import org.loupe.tiles.GeneratorGeometry;
import org.loupe.tiles.BlockNoise;
import org.loupe.tiles.NoiseField;
import org.loupe.tiles.PairFields;
import org.loupe.tiles.Symmetry;
import org.loupe.tiles.TileExtractor;

/**
 * Upscales a whole periodic LR lattice field: the box is cut into crops of c LR cells (c divides
 * N), each crop is fed with its periodic halo, and the central s·c HR cells of each output are
 * written at s × the crop's anchor. Every HR site belongs to exactly one crop, so stitching is a
 * plain copy, and since the network sees the same periodic neighbourhood whatever the tiling,
 * the result does not depend on c (to float rounding).
 */
public final class Upscaler {

    /** Something that maps a batch of (lr, tri) inputs to outputs; the model, or identity in tests. */
    @FunctionalInterface
    public interface Network {
        INDArray predict(INDArray lr, INDArray tri);

        /** With one noise input per upsampling block after lr and tri ({@link BlockNoise}); plain networks take none. */
        default INDArray predict(INDArray lr, INDArray tri, INDArray[] blockNoise) {
            return predict(lr, tri);
        }
    }

    private final Network network;
    private final int scale;
    private final int haloCells;
    private final int channels;
    private final int noiseChannels;
    private final long noiseSeed;
    /** True when the network takes per-block noise inputs (drawn from {@link #noiseSeed}). */
    private boolean blockNoise;
    /** Convolutions at LR resolution (they widen the halo the tiles need). */
    private int lrConvs;
    /** True when the network takes the initial conditions' small-scale modes ({@link PairFields#ics()}) as its last input. */
    private boolean icModes;

    /** A deterministic network (no noise input); see {@link #withNoise}. */
    public Upscaler(Network network, int scale, int haloCells, int channels) {
        this(network, scale, haloCells, channels, 0, 0);
    }

    private Upscaler(Network network, int scale, int haloCells, int channels, int noiseChannels, long noiseSeed) {
        this.network = network;
        this.scale = scale;
        this.haloCells = haloCells;
        this.channels = channels;
        this.noiseChannels = noiseChannels;
        this.noiseSeed = noiseSeed;
    }

    /**
     * The same upscaler for a network that takes {@code channels} Gaussian noise channels after the
     * field channels, drawn box-wide from {@code seed} (cropped per tile, so tiles agree at their seams).
     */
    public Upscaler withNoise(int channels, long seed) {
        Upscaler u = new Upscaler(network, scale, haloCells, this.channels, channels, seed);
        u.blockNoise = blockNoise;
        u.lrConvs = lrConvs;
        u.icModes = icModes;
        return u;
    }

    /** Upscaler for a trained model; {@code seed} draws the noise of a stochastic model. */
    public static Upscaler of(ModelFile model, long seed) {
        ComputationGraph g = model.graph();
        Network net = new Network() {
            @Override
            public INDArray predict(INDArray lr, INDArray tri) {
                return g.output(false, lr, tri)[0];
            }

            @Override
            public INDArray predict(INDArray lr, INDArray tri, INDArray[] blockNoise) {
                INDArray[] in = new INDArray[2 + blockNoise.length];
                in[0] = lr;
                in[1] = tri;
                System.arraycopy(blockNoise, 0, in, 2, blockNoise.length);
                return g.output(false, in)[0];
            }
        };
        Upscaler u = new Upscaler(net, model.scale(), model.haloCells(), model.channels()).withNoise(model.noiseChannels(), seed);
        u.blockNoise = GeneratorFactory.takesBlockNoise(g);
        u.lrConvs = GeneratorFactory.lrConvs(g);
        u.icModes = GeneratorFactory.takesIcModes(g);
        return u;
    }

    /** The same upscaler for a network with per-block noise inputs drawn from {@code seed}. */
    public Upscaler withBlockNoise(long seed) {
        Upscaler u = new Upscaler(network, scale, haloCells, channels, noiseChannels, seed);
        u.blockNoise = true;
        return u;
    }

    /** Upscaler for a deterministic model (noise seed 0 for a stochastic one). */
    public static Upscaler of(ModelFile model) {
        return of(model, 0);
    }

    /**
     * The largest crop (dividing n) whose tiles fit a memory budget: the widest activation is
     * {@code width} channels on the upsampled grid of the last block, (2·m_last)³ floats per tile,
     * and a forward pass keeps about four such arrays alive (the measured peak, BENCHMARKS.md,
     * includes the JVM and the native runtime). A batch counts at most the tiles of that crop.
     */
    public static int cropForBudget(int n, int scale, int halo, int width, int batch, long budgetBytes) {
        for (int c = n; c >= 1; c--) {
            if (n % c != 0) {
                continue;
            }
            int m = c + 2 * halo;
            for (int b = 1; b < Integer.numberOfTrailingZeros(scale); b++) {
                m = 2 * m - 4;
            }
            // A call holds at most the box's tiles: --batch 100000 must not push the crop down to 1.
            long tiles = (long) (n / c) * (n / c) * (n / c);
            double activation = (double) width * Math.pow(2.0 * m, 3) * 4 * Math.min(batch, tiles);
            if (4 * activation <= budgetBytes) {
                return c;
            }
        }
        return 1;
    }

    /** The largest crop ≤ {@code wanted} LR cells that divides {@code n}. */
    public static int cropFor(int n, int wanted) {
        for (int c = Math.min(wanted, n); c >= 1; c--) {
            if (n % c == 0) {
                return c;
            }
        }
        return 1;
    }

    /**
     * HR field (C × (sN)³, physical units) of {@code pair.lr()} with crops of {@code cropCells}
     * and up to {@code batch} tiles per network call. {@code progress} gets tiles done.
     */
    public Grid upscale(PairFields pair, int cropCells, int batch, IntConsumer progress) {
        Grid lr = java.util.Objects.requireNonNull(pair.lr(), "upscale of a whole box needs the whole LR field");
        checkCrop(lr.size(), cropCells);
        HrSlab all = upscaleSlab(pair, cropCells, batch, 0, lr.size() / cropCells, progress);
        return new Grid(all.sitesPerSide(), channels, lr.boxMpcH(), all.values(),
                GridInfo.lattice(channels == 3 ? GridKind.DISPLACEMENT : GridKind.OTHER, lr.info().redshift(), lr.info().sources()));
    }

    /**
     * The HR sites of the tile columns {@code [columnFrom, columnTo)} along x (a column is the
     * crops whose anchor has x = column·c): what one task of a box split across tasks computes.
     * The tiles and their batches are the same as in the whole-box run restricted to these
     * columns, so the union of the slabs equals {@link #upscale} bit for bit.
     */
    public HrSlab upscaleSlab(PairFields pair, int cropCells, int batch, int columnFrom, int columnTo, IntConsumer progress) {
        int n = pair.lrSide();
        checkCrop(n, cropCells);
        int rowsPerColumn = n / cropCells;
        if (columnFrom < 0 || columnTo > n / cropCells || columnFrom >= columnTo) {
            throw new ConfigException("tile columns " + columnFrom + ".." + columnTo + " are outside 0.." + n / cropCells);
        }
        int nh = scale * n;
        int x0 = scale * cropCells * columnFrom;
        int x1 = scale * cropCells * columnTo;
        HrSlab slab = new HrSlab(nh, x0, x1, channels, new float[(int) ((long) channels * (x1 - x0) * nh * nh)]);
        int t = scale * cropCells;
        upscaleRows(pair, cropCells, batch, columnFrom * rowsPerColumn, columnTo * rowsPerColumn, row -> {
            for (int c = 0; c < channels; c++) {
                for (int x = 0; x < t; x++) {
                    System.arraycopy(row.values(), row.offset(c, x, 0), slab.values(),
                            (c * slab.siteCount()) + ((row.xFrom() + x - x0) * nh + row.yFrom()) * nh, t * nh);
                }
            }
        }, progress);
        return slab;
    }

    /**
     * HR sites of one tile row: the crops with anchor x = a·c and y = b·c (all z), that is HR
     * planes x ∈ [s·a·c, s·(a+1)·c) and rows y ∈ [s·b·c, s·(b+1)·c), every z.
     *
     * @param sitesPerSide HR sites per side of the box
     * @param xFrom first HR x plane
     * @param yFrom first HR y row
     * @param side HR sites per tile side, s·c (the row's extent in x and y)
     * @param channels channels per site
     * @param values values[c][x − xFrom][y − yFrom][z]
     */
    public record TileRow(int sitesPerSide, int xFrom, int yFrom, int side, int channels, float[] values) {

        /** Index of (channel c, local x, local y, z = 0). */
        public int offset(int c, int x, int y) {
            return ((c * side + x) * side + y) * sitesPerSide;
        }
    }

    /**
     * Upscales the tile rows {@code [rowFrom, rowTo)} (row r = a·(N/c) + b: the crops of anchor
     * x = a·c, y = b·c) and hands each to {@code sink} as soon as all its tiles are stitched, in row
     * order, so memory holds a few rows, not a column or the box. Tiles are visited and batched as
     * in {@link #upscaleSlab} over the same rows, so the values are those of the slab bit for bit.
     */
    public void upscaleRows(PairFields pair, int cropCells, int batch, int rowFrom, int rowTo, Consumer<TileRow> sink,
                            IntConsumer progress) {
        int n = pair.lrSide();
        checkCrop(n, cropCells);
        int perSide = n / cropCells;
        if (rowFrom < 0 || rowTo > perSide * perSide || rowFrom >= rowTo) {
            throw new ConfigException("tile rows " + rowFrom + ".." + rowTo + " are outside 0.." + perSide * perSide);
        }
        GeneratorGeometry geo = new GeneratorGeometry(scale, cropCells, haloCells, lrConvs);
        TileExtractor ex = new TileExtractor(pair.lrFields(), null, geo, channels, pair.norm());
        if (icModes && pair.ics() == null) {
            throw new IllegalStateException("the model reads initial-condition modes but " + pair.id() + " carries none");
        }
        int icChannels = icModes ? geo.icChannels() : 0;
        int nh = scale * n;
        int t = scale * cropCells;
        List<int[]> anchors = new ArrayList<>();
        for (int r = rowFrom; r < rowTo; r++) {
            for (int c = 0; c < n; c += cropCells) {
                anchors.add(new int[] {(r / perSide) * cropCells, (r % perSide) * cropCells, c});
            }
        }
        int in = geo.inputSide();
        int o = geo.outputSide();
        int inChannels = channels + noiseChannels;
        NoiseField noise = noiseChannels > 0 ? new NoiseField(n, noiseChannels, noiseSeed) : null;
        // Rows being filled (a batch may span two), keyed by row; emitted in order once complete.
        java.util.TreeMap<Integer, TileRow> open = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> tilesIn = new java.util.HashMap<>();
        int done = 0;
        for (int first = 0; first < anchors.size(); first += batch) {
            List<int[]> group = anchors.subList(first, Math.min(anchors.size(), first + batch));
            int m = group.size();
            float[] lrIn = new float[m * inChannels * in * in * in];
            float[] triIn = new float[m * channels * o * o * o];
            float[] icIn = new float[m * icChannels * in * in * in];
            for (int e = 0; e < m; e++) {
                float[] x = ex.input(group.get(e), Symmetry.identity());
                float[] tr = ex.upsampled(group.get(e), Symmetry.identity());
                System.arraycopy(x, 0, lrIn, e * inChannels * in * in * in, x.length);
                if (noise != null) {
                    float[] z = noise.crop(group.get(e), haloCells, in);
                    System.arraycopy(z, 0, lrIn, e * inChannels * in * in * in + x.length, z.length);
                }
                System.arraycopy(tr, 0, triIn, e * tr.length, tr.length);
                if (icModes) {
                    float[] z = ex.icInput(pair.ics(), group.get(e), Symmetry.identity());
                    System.arraycopy(z, 0, icIn, e * z.length, z.length);
                }
            }
            INDArray lrA = Nd4j.create(lrIn, new long[] {m, inChannels, in, in, in}, 'c');
            INDArray triA = Nd4j.create(triIn, new long[] {m, channels, o, o, o}, 'c');
            INDArray y;
            if (blockNoise) {
                y = network.predict(lrA, triA, blockNoise(group, geo, n));
            } else if (icModes) {
                y = network.predict(lrA, triA, new INDArray[] {Nd4j.create(icIn, new long[] {m, icChannels, in, in, in}, 'c')});
            } else {
                y = network.predict(lrA, triA);
            }
            float[] pred = y.dup('c').data().asFloat();
            for (int e = 0; e < m; e++) {
                int[] anchor = group.get(e);
                int r = (anchor[0] / cropCells) * perSide + anchor[1] / cropCells;
                TileRow row = open.computeIfAbsent(r, key -> new TileRow(nh, scale * anchor[0], scale * anchor[1], t, channels,
                        new float[channels * t * t * nh]));
                stitch(pred, e, anchor, geo, row, pair);
                tilesIn.merge(r, 1, Integer::sum);
            }
            while (!open.isEmpty() && tilesIn.get(open.firstKey()) == perSide) {
                tilesIn.remove(open.firstKey());
                sink.accept(open.pollFirstEntry().getValue());
            }
            done += m;
            progress.accept(done);
        }
    }

    /** Each block's noise for a batch of tiles, from the seed and the sites alone (tiles agree where they overlap). */
    private INDArray[] blockNoise(List<int[]> group, GeneratorGeometry geo, int n) {
        INDArray[] out = new INDArray[geo.blocks()];
        for (int k = 0; k < geo.blocks(); k++) {
            int side = geo.blockSide(k);
            float[] z = new float[group.size() * side * side * side];
            for (int e = 0; e < group.size(); e++) {
                float[] t = BlockNoise.tile(noiseSeed, k, group.get(e), haloCells, n, side);
                System.arraycopy(t, 0, z, e * t.length, t.length);
            }
            out[k] = Nd4j.create(z, new long[] {group.size(), 1, side, side, side}, 'c');
        }
        return out;
    }

    private static void checkCrop(int n, int cropCells) {
        if (n % cropCells != 0) {
            throw new ConfigException("crop of " + cropCells + " LR cells does not divide the " + n + "^3 lattice; use "
                    + cropFor(n, cropCells));
        }
    }

    /** Copies the central s·c cube of one output tile to its sites in the tile row, de-normalised. */
    private void stitch(float[] pred, int e, int[] anchor, GeneratorGeometry geo, TileRow row, PairFields pair) {
        int o = geo.outputSide();
        int trim = geo.outputTrim();
        int t = geo.targetSide();
        float[] out = row.values();
        int base = e * channels * o * o * o;
        for (int c = 0; c < channels; c++) {
            float scaleBack = (float) pair.norm().scale(c);
            for (int x = 0; x < t; x++) {
                for (int y = 0; y < t; y++) {
                    int src = base + ((c * o + x + trim) * o + y + trim) * o + trim;
                    int dst = row.offset(c, x, y) + scale * anchor[2];
                    for (int z = 0; z < t; z++) {
                        out[dst + z] = pred[src + z] * scaleBack;
                    }
                }
            }
        }
    }
}
