package org.loupe.tiles;

/**
 * How training examples are cut.
 *
 * @param cropCells c: LR cells per side of the region the loss sees
 * @param haloCells p: periodic halo per side around the LR crop (network context)
 * @param velocity also feed and predict the velocity channels (6 instead of 3)
 * @param augment apply a random one of the 48 cube symmetries per example
 */
public record TileSpec(int cropCells, int haloCells, boolean velocity, boolean augment) {

    public TileSpec {
        if (cropCells == 0) {
            cropCells = 8;
        }
        if (haloCells == 0) {
            haloCells = 2;
        }
    }

    public int channels() {
        return velocity ? 6 : 3;
    }
}
