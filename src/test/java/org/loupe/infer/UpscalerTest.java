package org.loupe.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.tiles.Normalization;
import org.loupe.tiles.PairFields;

class UpscalerTest {

    /** A real generator (random weights, non-zero projection) gives the same box for any tile size. */
    @org.junit.jupiter.api.Test
    void aRealNetworkGivesTheSameBoxForAnyTileSize() {
        PairFields pair = new PairFields("x", randomLr(8, 8), null, new Normalization(1.0, 1));
        var model = randomGenerator(0);
        Grid whole = Upscaler.of(model).upscale(pair, 8, 1, d -> { });
        assertSameBox(whole, Upscaler.of(model).upscale(pair, 2, 4, d -> { }));
    }

    /** With noise inputs: the box's noise is drawn once and cropped per tile, so tiling still does not matter. */
    @org.junit.jupiter.api.Test
    void aStochasticNetworkGivesTheSameBoxForAnyTileSizeAndDependsOnTheSeed() {
        PairFields pair = new PairFields("x", randomLr(8, 9), null, new Normalization(1.0, 1));
        var model = randomGenerator(2);
        Grid whole = Upscaler.of(model, 11).upscale(pair, 8, 1, d -> { });
        Grid tiled = Upscaler.of(model, 11).upscale(pair, 2, 3, d -> { });
        Grid other = Upscaler.of(model, 12).upscale(pair, 8, 1, d -> { });
        assertTilingKeepsTheBoxAndTheSeedChangesIt(whole, tiled, other);
    }

    /**
     * Residual blocks with noise in every block (×4, two blocks, learned noise scales set non-zero):
     * each block's noise is a function of the seed and the global site, so tiling does not matter,
     * and another seed gives another realisation; the model file keeps its noise inputs.
     */
    @org.junit.jupiter.api.Test
    void blockNoiseGivesTheSameBoxForAnyTileSizeAndDependsOnTheSeed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PairFields pair = new PairFields("x", randomLr(8, 9), null, new Normalization(1.0, 1));
        org.loupe.tiles.GeneratorGeometry geo = new org.loupe.tiles.GeneratorGeometry(4, 4, 2);
        var gen = new org.loupe.model.GeneratorSpec(4, 4, false, 0, true, true);
        var graph = org.loupe.model.GeneratorFactory.build(gen, geo, org.loupe.model.TrainSpec.of(1, 1, 3).withValidationTiles(1));
        var rand = (java.util.function.Function<String, Void>) layer -> {
            graph.getLayer(layer).setParam("W", org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                    graph.getLayer(layer).getParam("W").shape()));
            return null;
        };
        rand.apply("proj");
        rand.apply("noiseScale0");
        rand.apply("noiseScale1");
        org.loupe.model.ModelFile.of(graph, gen, org.loupe.tiles.TileSpec.defaults().withCropCells(4)).write(dir.resolve("m.zip"));
        var model = org.loupe.model.ModelFile.read(dir.resolve("m.zip"));
        Grid whole = Upscaler.of(model, 11).upscale(pair, 8, 1, d -> { });
        Grid tiled = Upscaler.of(model, 11).upscale(pair, 2, 3, d -> { });
        Grid other = Upscaler.of(model, 12).upscale(pair, 8, 1, d -> { });
        assertTilingKeepsTheBoxAndTheSeedChangesIt(whole, tiled, other);
    }

    private static void assertTilingKeepsTheBoxAndTheSeedChangesIt(Grid whole, Grid tiled, Grid other) {
        double maxDiff = 0;
        double seedDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < whole.values().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(whole.values()[i] - tiled.values()[i]));
            seedDiff = Math.max(seedDiff, Math.abs(whole.values()[i] - other.values()[i]));
            maxAbs = Math.max(maxAbs, Math.abs(whole.values()[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(maxDiff <= 1e-5 * maxAbs, "tiling changed the box by " + maxDiff + " of " + maxAbs);
        org.junit.jupiter.api.Assertions.assertTrue(seedDiff > 1e-3 * maxAbs, "another seed gives another realisation");
    }

    /** A random LR displacement field on an n³ lattice in a 16 Mpc/h box. */
    /** The velocity fallback of displacement-only models: every HR site moves with its parent LR particle, for any tiling. */
    @ParameterizedTest(name = "s={0}")
    @ValueSource(ints = {2, 4})
    void parentVelocitiesAreTheParentsForAnyTiling(int s) {
        int n = 8;
        PairFields pair = new PairFields("v", randomLr(n, 5), null, new Normalization(1.0, 1));
        for (int crop : new int[] {8, 2}) {
            Grid hr = new Upscaler(new ParentVelocities(s, 2), s, 2, 3).upscale(pair, crop, 3, d -> { });
            int nh = s * n;
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < nh; x++) {
                    for (int y = 0; y < nh; y++) {
                        for (int z = 0; z < nh; z++) {
                            assertEquals(pair.lr().values()[((c * n + x / s) * n + y / s) * n + z / s],
                                    hr.values()[((c * nh + x) * nh + y) * nh + z], 0f, "crop " + crop);
                        }
                    }
                }
            }
        }
    }

    /**
     * A generator that reads the initial conditions' small-scale modes: the modes are one field for
     * the box, cropped per tile, so the box does not depend on the tiling; other modes, another box.
     */
    @org.junit.jupiter.api.Test
    void anIcModesGeneratorGivesTheSameBoxForAnyTileSizeAndDependsOnTheModes() {
        var gen = new org.loupe.model.GeneratorSpec(2, 4, false, 0, true, false, 1, true);
        var graph = org.loupe.model.GeneratorFactory.build(gen, new org.loupe.tiles.GeneratorGeometry(2, 4, 2, 1),
                org.loupe.model.TrainSpec.of(1, 1, 3).withValidationTiles(1));
        graph.getLayer("proj").setParam("W", org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                graph.getLayer("proj").getParam("W").shape()));
        var model = org.loupe.model.ModelFile.of(graph, gen, new org.loupe.tiles.TileSpec(4, 2, false, false));
        Grid ics = new Grid(16, 3, 16.0, randomLr(16, 7).values(), GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
        PairFields pair = new PairFields("x", randomLr(8, 8), null, new Normalization(1.0, 1)).withIcs(ics);
        Grid whole = Upscaler.of(model).upscale(pair, 8, 1, d -> { });
        assertSameBox(whole, Upscaler.of(model).upscale(pair, 2, 4, d -> { }));
        Grid other = Upscaler.of(model).upscale(pair.withIcs(new Grid(16, 3, 16.0, randomLr(16, 9).values(), ics.info())), 8, 1,
                d -> { });
        double moved = 0;
        double maxAbs = 0;
        for (int i = 0; i < whole.values().length; i++) {
            moved = Math.max(moved, Math.abs(whole.values()[i] - other.values()[i]));
            maxAbs = Math.max(maxAbs, Math.abs(whole.values()[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(moved > 1e-3 * maxAbs, "the modes change the box: " + moved);
    }

    /** Two upscales of one box agree to float rounding. */
    private static void assertSameBox(Grid whole, Grid tiled) {
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < whole.values().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(whole.values()[i] - tiled.values()[i]));
            maxAbs = Math.max(maxAbs, Math.abs(whole.values()[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(maxDiff <= 1e-5 * maxAbs, "max difference " + maxDiff + " of " + maxAbs);
    }

    private static Grid randomLr(int n, long seed) {
        float[] v = new float[3 * n * n * n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return new Grid(n, 3, 16.0, v, GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
    }

    /** A ×2 generator (crop 4, halo 2) with a random, non-zero projection and {@code noise} noise channels. */
    private static org.loupe.model.ModelFile randomGenerator(int noise) {
        org.loupe.tiles.GeneratorGeometry geo = new org.loupe.tiles.GeneratorGeometry(2, 4, 2);
        var gen = new org.loupe.model.GeneratorSpec(2, 4, false, noise);
        var graph = org.loupe.model.GeneratorFactory.build(gen, geo,
                org.loupe.model.TrainSpec.of(1, 1, 3).withValidationTiles(1));
        graph.getLayer("proj").setParam("W", org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT,
                graph.getLayer("proj").getParam("W").shape()));
        return org.loupe.model.ModelFile.of(graph, gen, org.loupe.tiles.TileSpec.defaults().withCropCells(4));
    }

    /** A "model" whose correction is zero: the output is the trilinear baseline. */
    private static final Upscaler.Network IDENTITY = (lr, tri) -> tri;

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(ints = {2, 4})
    void stitchingIsExactAndIndependentOfTheTileSize(int s) {
        int n = 12;
        float[] v = new float[3 * n * n * n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        Grid lr = new Grid(n, 3, 24.0, v, GridInfo.lattice(GridKind.DISPLACEMENT, 0, List.of()));
        PairFields pair = new PairFields("x", lr, null, new Normalization(3.0, 1));
        Upscaler up = new Upscaler(IDENTITY, s, 2, 3);
        Grid reference = up.upscale(pair, 12, 1, d -> { });
        for (int crop : new int[] {1, 2, 3, 4, 6}) {
            Grid g = up.upscale(pair, crop, 3, d -> { });
            assertArrayEquals(reference.values(), g.values(), "crop " + crop);
        }
        // LR sites are kept exactly (trilinear through the lattice points), in physical units.
        int nh = s * n;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i += 5) {
                assertEquals(lr.values()[lr.index(c, i, 3, 7)], reference.values()[reference.index(c, s * i, s * 3, s * 7)], 1e-5);
            }
        }
        assertEquals(nh, reference.size());
    }
}
