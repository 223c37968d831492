package org.loupe.tiles;

import java.util.List;
import java.util.function.LongFunction;

import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A DL4J {@link MultiDataSetIterator} over training steps: batch g is assembled only when asked
 * for (bounded memory: one batch of NCDHW tiles at a time), from the examples a sampler gives for
 * step g. Resetting replays the same steps, since the sampler depends on the step alone.
 */
public final class TileIterator implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final List<PairFields> pairs;
    private final LongFunction<List<TileBatch.Example>> sampler;
    private final GeneratorGeometry geometry;
    private final int channels;
    private final int noise;
    private final boolean blockNoise;
    private final long first;
    private final long end;
    private long next;
    private MultiDataSetPreProcessor preProcessor;

    /** Steps [first, end) of {@code sampler}. */
    public TileIterator(List<PairFields> pairs, LongFunction<List<TileBatch.Example>> sampler, GeneratorGeometry geometry,
                        int channels, int noise, long first, long end) {
        this(pairs, sampler, geometry, channels, noise, false, first, end);
    }

    /** As above, with per-block noise inputs when {@code blockNoise}. */
    public TileIterator(List<PairFields> pairs, LongFunction<List<TileBatch.Example>> sampler, GeneratorGeometry geometry,
                        int channels, int noise, boolean blockNoise, long first, long end) {
        this.noise = noise;
        this.blockNoise = blockNoise;
        this.pairs = pairs;
        this.sampler = sampler;
        this.geometry = geometry;
        this.channels = channels;
        this.first = first;
        this.end = end;
        this.next = first;
    }

    @Override
    public boolean hasNext() {
        return next < end;
    }

    @Override
    public org.nd4j.linalg.dataset.api.MultiDataSet next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no more steps");
        }
        var ds = TileBatch.assemble(pairs, sampler.apply(next++), geometry, channels, noise, blockNoise);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        next = first;
    }
}
