package org.loupe.particles;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Re-cuts particles handed over in blocks of any size into blocks of exactly the requested size
 * (the last shorter), as {@link ParticleStream#forEachBlock} promises: a source that makes its
 * particles in its own units (planes of a lattice) still paints like particles held in memory.
 * Blocks are handed on in reused arrays, like a snapshot's: a sink copies what it keeps.
 */
final class Reblocker implements Consumer<Particles> {

    private final Box box;
    private final int block;
    private final Consumer<Particles> sink;
    private final float[] pos;
    private float[] vel;
    private long[] ids;
    private float[] masses;
    private double massPerParticle = Double.NaN;
    private int filled;

    Reblocker(Box box, int block, Consumer<Particles> sink) {
        this.box = box;
        this.block = block;
        this.sink = sink;
        this.pos = new float[3 * block];
    }

    @Override
    public void accept(Particles p) {
        int n = p.count();
        for (int from = 0; from < n; ) {
            int take = Math.min(block - filled, n - from);
            System.arraycopy(p.positionsMpcH(), 3 * from, pos, 3 * filled, 3 * take);
            if (p.velocitiesKmS() != null) {
                vel = vel != null ? vel : new float[3 * block];
                System.arraycopy(p.velocitiesKmS(), 3 * from, vel, 3 * filled, 3 * take);
            }
            if (p.ids() != null) {
                ids = ids != null ? ids : new long[block];
                System.arraycopy(p.ids(), from, ids, filled, take);
            }
            if (p.masses() != null) {
                masses = masses != null ? masses : new float[block];
                System.arraycopy(p.masses(), from, masses, filled, take);
            } else {
                massPerParticle = p.massPerParticle();
            }
            filled += take;
            from += take;
            if (filled == block) {
                flush();
            }
        }
    }

    /** Hands on what is left (the last, shorter block). */
    void flush() {
        if (filled == 0) {
            return;
        }
        boolean full = filled == block;
        sink.accept(new Particles(box, full ? pos : Arrays.copyOf(pos, 3 * filled),
                vel == null ? null : full ? vel : Arrays.copyOf(vel, 3 * filled),
                ids == null ? null : full ? ids : Arrays.copyOf(ids, filled),
                masses == null ? massPerParticle : Double.NaN,
                masses == null ? null : full ? masses : Arrays.copyOf(masses, filled)));
        filled = 0;
    }
}
