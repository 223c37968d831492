package org.loupe.sim;

import java.util.ArrayList;
import java.util.List;

import org.loupe.cosmology.Growth;
import org.loupe.cosmology.LinearPower;
import org.loupe.cosmology.PowerModel;
import org.loupe.cosmology.TabulatedPower;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Fft3d.Spectrum;

/**
 * Runs the LR and HR simulations of one universe: the same seed, box and cosmology; the HR
 * initial field holds every LR mode unchanged ({@link GaussianField}) plus the modes only the HR
 * grid can carry.
 */
public final class PairGenerator {

    /** The two runs of a pair at every output redshift. */
    public record Pair(int index, long seed, String split, List<PmRun.Output> lr, List<PmRun.Output> hr) {
    }

    /** Progress of one run within a pair. */
    @FunctionalInterface
    public interface Progress {
        void step(int pair, String resolution, int step, int total, double a);
    }

    private final SimSpec spec;
    private final Fft3d fft;
    private final int threads;
    private final Growth growth;
    private final PowerModel power;

    public PairGenerator(SimSpec spec, Fft3d fft, int threads, java.nio.file.Path configDir) {
        this.spec = spec;
        this.fft = fft;
        this.threads = threads;
        this.growth = new Growth(spec.cosmology());
        this.power = spec.powerSpectrumFile() != null
                ? TabulatedPower.read(configDir.resolve(spec.powerSpectrumFile()), spec.cosmology().sigma8())
                : LinearPower.parse(spec.cosmology(), spec.powerSpectrum());
    }

    public Growth growth() {
        return growth;
    }

    /** Runs pair {@code i}. */
    public Pair run(int i, Progress progress) {
        long seed = spec.seed() + i;
        List<PmRun.Output> lr = runOne(spec.lrParticlesPerSide(), seed, (s, t, a) -> progress.step(i, "LR", s, t, a));
        List<PmRun.Output> hr = runOne(spec.hrParticlesPerSide(), seed, (s, t, a) -> progress.step(i, "HR", s, t, a));
        return new Pair(i, seed, spec.split(i), lr, hr);
    }

    /** One resolution of one universe, from Gaussian ICs at zInit to the outputs. */
    public List<PmRun.Output> runOne(int n, long seed, PmRun.Progress progress) {
        PmState ics = initialConditions(n, seed);
        return PmRun.run(ics, spec, spec.cosmology(), growth, n, fft, threads, progress);
    }

    /**
     * An HR <em>twin</em> of universe {@code seed}: its modes up to the LR Nyquist frequency
     * (max |n_i| &lt; N_LR/2, all the LR run holds), new modes from {@code twinSeed} above it, run
     * like the HR member. What a perfect super-resolution model of the LR run can reach: the LR box
     * fixes the large scales, nothing fixes the small ones.
     */
    public List<PmRun.Output> runTwin(long seed, long twinSeed, PmRun.Progress progress) {
        int n = spec.hrParticlesPerSide();
        Spectrum delta = GaussianField.draw(n, spec.boxMpcH(), seed, twinSeed, spec.lrParticlesPerSide() / 2, power, threads);
        return PmRun.run(lpt(n, delta), spec, spec.cosmology(), growth, n, fft, threads, progress);
    }

    /** The seed of twin {@code t} (1, 2, ...) of universe {@code seed}. */
    public static long twinSeed(long seed, int t) {
        return org.loupe.SplitMix64.mix(seed, 1_000_000L + t);
    }

    /** The LPT initial state of an n³ run of {@code seed}. */
    public PmState initialConditions(int n, long seed) {
        return lpt(n, GaussianField.draw(n, spec.boxMpcH(), seed, power, threads));
    }

    private PmState lpt(int n, Spectrum delta) {
        Lpt lpt = new Lpt(fft, threads);
        float[] psi1 = lpt.firstOrder(delta, spec.boxMpcH());
        float[] psi2 = spec.lptOrder() == 2 ? lpt.secondOrder(delta, spec.boxMpcH()) : null;
        return InitialConditions.atScaleFactor(n, spec.boxMpcH(), psi1, psi2, spec.cosmology(), growth,
                1 / (1 + spec.zInit()));
    }

    /** Pair indices in order. */
    public List<Integer> indices() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < spec.pairs(); i++) {
            out.add(i);
        }
        return out;
    }
}
