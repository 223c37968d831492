package org.loupe.particles;

import java.util.function.Consumer;

/**
 * Particles handed over a block at a time (positions, and per-particle masses when they differ),
 * so that a box larger than memory can be painted while it is read. Two sources: particles
 * already in memory ({@link #of}) and a snapshot read in blocks (snapshot package).
 */
public interface ParticleStream {

    /** The periodic box of the positions. */
    Box box();

    /** Particles in the stream. */
    long count();

    /**
     * Calls {@code sink} with consecutive blocks of exactly {@code block} particles (the last may be
     * shorter), in a fixed order, across member files; may be called more than once (one pass each).
     * Blocks carry positions (and masses when unequal), not necessarily velocities or IDs.
     */
    void forEachBlock(int block, Consumer<Particles> sink);

    /**
     * A stream whose every pass calls {@code pass} with a sink for blocks of any size (a source's
     * own units, such as planes of a lattice), re-cut into blocks of exactly the requested size.
     */
    static ParticleStream of(Box box, long count, Consumer<Consumer<Particles>> pass) {
        return passes(box, count, (block, sink) -> {
            Reblocker r = new Reblocker(box, block, sink);
            pass.accept(r);
            r.flush();
        });
    }

    /** A stream of {@code count} particles in {@code box} whose passes {@code forEachBlock} makes. */
    private static ParticleStream passes(Box box, long count, java.util.function.BiConsumer<Integer, Consumer<Particles>> forEachBlock) {
        return new ParticleStream() {
            @Override
            public Box box() {
                return box;
            }

            @Override
            public long count() {
                return count;
            }

            @Override
            public void forEachBlock(int block, Consumer<Particles> sink) {
                forEachBlock.accept(block, sink);
            }
        };
    }

    /** Particles in memory as a stream of blocks (copies of each block's arrays). */
    static ParticleStream of(Particles p) {
        return new ParticleStream() {
            @Override
            public Box box() {
                return p.box();
            }

            @Override
            public long count() {
                return p.count();
            }

            @Override
            public void forEachBlock(int block, Consumer<Particles> sink) {
                int n = p.count();
                if (n <= block) {
                    sink.accept(p);
                    return;
                }
                for (int first = 0; first < n; first += block) {
                    int m = Math.min(block, n - first);
                    float[] pos = java.util.Arrays.copyOfRange(p.positionsMpcH(), 3 * first, 3 * (first + m));
                    float[] mass = p.masses() == null ? null : java.util.Arrays.copyOfRange(p.masses(), first, first + m);
                    float[] vel = p.velocitiesKmS() == null ? null
                            : java.util.Arrays.copyOfRange(p.velocitiesKmS(), 3 * first, 3 * (first + m));
                    long[] ids = p.ids() == null ? null : java.util.Arrays.copyOfRange(p.ids(), first, first + m);
                    sink.accept(new Particles(p.box(), pos, vel, ids, p.massPerParticle(), mass));
                }
            }
        };
    }

    /**
     * This stream folded F times (Jenkins et al. 1998; GADGET-4's power spectrum): positions taken
     * modulo L/F in a box of side L/F, so that a mesh of N cells on the folded box holds the modes
     * k·F of the full box (the modes of the full box whose integer wavenumbers are all multiples of
     * F), up to F times the unfolded mesh's Nyquist frequency.
     */
    default ParticleStream folded(int fold) {
        if (fold < 1) {
            throw new IllegalArgumentException("fold factor must be >= 1, got " + fold);
        }
        if (fold == 1) {
            return this;
        }
        Box small = new Box(box().sizeMpcH() / fold);
        double l = small.sizeMpcH();
        float lf = (float) l;
        return mapped(small, p -> {
            float[] x = p.positionsMpcH();
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double v = x[i];
                float f = (float) (v - Math.floor(v / l) * l);
                out[i] = f >= lf || f < 0f ? 0f : f;
            }
            return new Particles(small, out, null, null, p.massPerParticle(), p.masses());
        });
    }

    /** This stream with every block replaced by {@code f} of it (same count), in the box {@code box}. */
    default ParticleStream mapped(Box box, java.util.function.UnaryOperator<Particles> f) {
        return passes(box, count(), (block, sink) -> forEachBlock(block, p -> sink.accept(f.apply(p))));
    }
}
