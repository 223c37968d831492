package org.loupe.stats;

import java.util.Arrays;
import java.util.List;

import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.MassAssignment;
import org.loupe.Parallel;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/**
 * Timing of P(k) on a 256³ mesh (not a test: run by hand, e.g.
 * {@code java -Xmx2g -cp target/classes:target/test-classes:<deps> org.loupe.stats.PowerBench [n] [particles] [runs]}).
 * Reports the median of the runs for: the FFT alone, the binning alone, a given δ grid (FFT +
 * binning), and particles painted with CIC (paint + FFT + binning) without and with interlacing.
 */
public final class PowerBench {

    private PowerBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : n * n * n;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = Parallel.defaultThreads();
        double box = 500.0;
        Particles particles = TestFields.clumpy(count, 30, 1.0, box, 1L);
        Grid delta = MassAssignment.densityContrast(particles, n, Window.CIC, 0.0, threads, 0.0, List.of());
        System.out.printf("mesh %d^3, %d particles, %d threads, max heap %d MiB%n", n, count, threads,
                Runtime.getRuntime().maxMemory() >> 20);

        PowerSpectrum plain = new PowerSpectrum(PowerSpec.pylians(), new JTransformsFft3d(threads), threads);
        PowerSpectrum interlaced = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(threads), threads);
        JTransformsFft3d fft = new JTransformsFft3d(threads);
        FourierDensity field = FourierDensity.of(delta, fft);
        report("FFT only (r2c, double)", runs, () -> fft.forward(delta.values(), n));
        report("binning only (P, P2, P4)", runs, () -> plain.auto(field));
        report("grid: FFT + binning", runs, () -> plain.auto(delta));
        report("particles, no interlacing: paint + FFT + binning", runs,
                () -> plain.auto(particles, n, Window.CIC, 0.0, List.of()));
        report("particles, interlaced: 2 x (paint + FFT) + combine + binning", runs,
                () -> interlaced.auto(particles, n, Window.CIC, 0.0, List.of()));
    }

    private static void report(String what, int runs, Runnable task) {
        task.run(); // warm-up (JIT)
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            task.run();
            t[r] = (System.nanoTime() - start) * 1e-9;
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        System.out.printf("%-62s median %.3f s  (runs: %s)%n", what, sorted[runs / 2], Arrays.toString(t));
    }
}
