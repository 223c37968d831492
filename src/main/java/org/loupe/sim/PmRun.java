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
        FastPm pm = new FastPm(c, g, new ForceMesh(mesh, start.particles().box().sizeMpcH(), c.omegaM(), fft, threads));
        List<Output> outputs = new ArrayList<>();
        int[] done = {0};
        pm.run(start, schedule, state -> {
            done[0]++;
            progress.step(done[0], schedule.length - 1, state.a());
            for (double z : zOutputs) {
                if (Math.abs(state.a() - 1 / (1 + z)) < 1e-9) {
                    outputs.add(new Output(z, state.snapshot()));
                }
            }
        });
        return outputs;
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
        for (double z : zOutputs) {
            double a = 1 / (1 + z);
            if (as.stream().noneMatch(x -> Math.abs(x - a) < 1e-9)) {
                as.add(a);
            }
        }
        return as.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
