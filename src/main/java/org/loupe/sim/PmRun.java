package org.loupe.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.mesh.Fft3d;
import org.loupe.particles.Particles;

/**
 * One PM simulation from an initial state to a list of output redshifts.
 */
public final class PmRun {

    /** A snapshot the run produced. */
    public record Output(double redshift, Particles particles) {
    }

    /** Called after every step: step number (1-based), total steps, scale factor. */
    @FunctionalInterface
    public interface Progress {
        void step(int step, int total, double a);
    }

    private PmRun() {
    }

    /**
     * Integrates {@code start} with a force mesh of {@code mesh}³ cells and returns the particles
     * at each output redshift (velocities in km/s).
     */
    public static List<Output> run(PmState start, Cosmology c, Growth g, int mesh, List<Double> zOutputs, int steps,
                                   Fft3d fft, int threads, Progress progress) {
        double[] schedule = schedule(start.a(), zOutputs, steps);
        Gravity gravity = new ForceMesh(mesh, start.particles().box().sizeMpcH(), c.omegaM(), fft, threads);
        return run(start, c, g, gravity, schedule, zOutputs, progress);
    }

    /**
     * Integrates an n³-particle start with the force and steps of {@code spec}: pure PM with
     * {@code steps} steps linear in a, or P³M with steps uniform in ln a no longer than
     * {@code p3m.maxStepLnA} (and at least {@code steps} of them). Mesh = meshFactor · n, or
     * {@code p3m.meshCells}.
     */
    public static List<Output> run(PmState start, SimSpec spec, Cosmology c, Growth g, int particlesPerSide, Fft3d fft,
                                   int threads, Progress progress) {
        if (!spec.hasShortRangeForce()) {
            return run(start, c, g, spec.meshFactor() * particlesPerSide, spec.zOutputs(), spec.steps(), fft, threads,
                    progress);
        }
        double box = start.particles().box().sizeMpcH();
        P3mSpec p3m = spec.p3m();
        int mesh = p3m.mesh(particlesPerSide, spec.meshFactor());
        ForceSplit split = p3m.split(particlesPerSide, mesh, box);
        HierarchicalKdk kdk = new HierarchicalKdk(c, new ForceMesh(mesh, box, c.omegaM(), fft, threads, split),
                new ShortRangeForce(split, c.omegaM(), threads), p3m.timestepAccuracy(), split.softeningMpcH(),
                p3m.maxLevels(), threads);
        double[] schedule = logSchedule(start.a(), spec.zOutputs(), p3m.maxStepLnA(), spec.steps());
        List<Output> outputs = new ArrayList<>();
        int[] done = {0};
        kdk.run(start, schedule, state -> collect(state, ++done[0], schedule.length - 1, spec.zOutputs(), outputs, progress));
        return outputs;
    }

    private static void collect(PmState state, int step, int total, List<Double> zOutputs, List<Output> outputs,
                                Progress progress) {
        progress.step(step, total, state.a());
        for (double z : zOutputs) {
            if (Math.abs(state.a() - 1 / (1 + z)) < 1e-9) {
                outputs.add(new Output(z, state.snapshot()));
            }
        }
    }

    /** Integrates {@code start} through {@code schedule} with {@code gravity}, keeping the outputs. */
    public static List<Output> run(PmState start, Cosmology c, Growth g, Gravity gravity, double[] schedule,
                                   List<Double> zOutputs, Progress progress) {
        FastPm pm = new FastPm(c, g, gravity);
        List<Output> outputs = new ArrayList<>();
        int[] done = {0};
        pm.run(start, schedule, state -> collect(state, ++done[0], schedule.length - 1, zOutputs, outputs, progress));
        return outputs;
    }

    /**
     * Scale factors from {@code aStart} to the last output, uniform in ln a with steps no longer
     * than {@code maxStepLnA} and at least {@code minSteps} of them, every output's scale factor
     * inserted.
     */
    public static double[] logSchedule(double aStart, List<Double> zOutputs, double maxStepLnA, int minSteps) {
        double aEnd = 0;
        for (double z : zOutputs) {
            aEnd = Math.max(aEnd, 1 / (1 + z));
        }
        double span = Math.log(aEnd / aStart);
        int steps = Math.max(Math.max(1, minSteps), (int) Math.ceil(span / maxStepLnA - 1e-9));
        TreeSet<Double> as = new TreeSet<>();
        for (int s = 0; s < steps; s++) {
            as.add(aStart * Math.exp(span * s / steps));
        }
        as.add(aEnd);
        insertOutputs(as, zOutputs);
        return as.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void insertOutputs(TreeSet<Double> as, List<Double> zOutputs) {
        for (double z : zOutputs) {
            double a = 1 / (1 + z);
            if (as.stream().noneMatch(x -> Math.abs(x - a) < 1e-9)) {
                as.add(a);
            }
        }
    }

    /**
     * Scale factors from {@code aStart}: {@code steps} equal steps in a up to the last output,
     * with every output's scale factor inserted so that snapshots fall on step boundaries.
     */
    public static double[] schedule(double aStart, List<Double> zOutputs, int steps) {
        double aEnd = 0;
        TreeSet<Double> as = new TreeSet<>();
        for (double z : zOutputs) {
            aEnd = Math.max(aEnd, 1 / (1 + z));
        }
        for (int s = 0; s <= steps; s++) {
            as.add(aStart + (aEnd - aStart) * s / steps);
        }
        insertOutputs(as, zOutputs);
        return as.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
