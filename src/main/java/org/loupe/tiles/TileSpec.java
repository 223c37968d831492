package org.loupe.tiles;

import org.loupe.ConfigException;

/**
 * How training examples are cut. {@link #defaults()} is the one place the defaults live: the
 * config loader fills keys a {@code tiles:} section leaves out from it, and commands without a
 * section use it.
 *
 * @param cropCells c: LR cells per side of the region the loss sees
 * @param haloCells p: periodic halo per side around the LR crop (network context)
 * @param velocity also feed and predict the velocity channels (6 instead of 3)
 * @param augment apply a random one of the 48 cube symmetries per example
 */
public record TileSpec(int cropCells, int haloCells, boolean velocity, boolean augment) {

    public TileSpec {
        ConfigException.checkRange("tiles.cropCells", cropCells, 1, 1024);
        ConfigException.checkRange("tiles.haloCells", haloCells, 1, 64);
    }

    /** c = 8, p = 2, displacement only, no augmentation. */
    public static TileSpec defaults() {
        return new TileSpec(8, 2, false, false);
    }

    public TileSpec withCropCells(int c) {
        return new TileSpec(c, haloCells, velocity, augment);
    }

    public TileSpec withHaloCells(int p) {
        return new TileSpec(cropCells, p, velocity, augment);
    }

    public TileSpec withVelocity(boolean v) {
        return new TileSpec(cropCells, haloCells, v, augment);
    }

    public TileSpec withAugment(boolean a) {
        return new TileSpec(cropCells, haloCells, velocity, a);
    }

    public int channels() {
        return velocity ? 6 : 3;
    }
}
