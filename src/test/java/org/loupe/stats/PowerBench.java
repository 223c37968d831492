package org.loupe.stats;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.MassAssignment;
import org.loupe.Parallel;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/**
 * Timings for BENCHMARKS.md, "Power spectrum and FFT" (not a test: run by hand from the
 * repository root after {@code mvn -o test-compile}):
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx4g -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.loupe.stats.PowerBench [n] [particles] [runs] [python]
 * </pre>
 * Medians of {@code runs} timed repeats after one warm-up, for: the 3-D r2c FFT alone on 1 and
 * all threads, the binning alone, a δ grid (FFT + binning), and particles painted with CIC
 * (paint + FFT + binning) without and with interlacing. In the same run, the same r2c FFT of an
 * N³ float64 array through numpy.fft.rfftn and, when installed, pyfftw (FFTW, planned once with
 * FFTW_MEASURE, planning not timed), by {@code python} (default /usr/bin/python3).
 */
public final class PowerBench {

    /** The anchor: medians of numpy.fft.rfftn and pyfftw rfftn on one N³ float64 array. */
    private static final String PYTHON_ANCHOR = String.join("\n",
            "import sys, time",
            "import numpy as np",
            "n, reps, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])",
            "a = np.random.default_rng(1).standard_normal((n, n, n))",
            "def med(f):",
            "    f()",
            "    ts = []",
            "    for _ in range(reps):",
            "        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)",
            "    ts.sort(); return ts[len(ts) // 2], ts",
            "def show(name, r):",
            "    print('%-62s median %.3f s  (runs: %s)' % (name, r[0], ', '.join('%.3f' % t for t in r[1])))",
            "show('numpy %s fft.rfftn (pocketfft, 1 thread, float64)' % np.__version__, med(lambda: np.fft.rfftn(a)))",
            "try:",
            "    import pyfftw",
            "except ImportError:",
            "    print('pyfftw not installed (apt-get install python3-pyfftw)'); sys.exit(0)",
            "for t in sorted({1, threads}):",
            "    b = pyfftw.empty_aligned((n, n, n), dtype='float64'); b[:] = a",
            "    plan = pyfftw.builders.rfftn(b, threads=t, planner_effort='FFTW_MEASURE')",
            "    show('pyfftw %s rfftn (FFTW_MEASURE, %d thread(s), float64)' % (pyfftw.__version__, t), med(plan))",
            "");

    private PowerBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : n * n * n;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String python = args.length > 3 ? args[3] : "/usr/bin/python3";
        int threads = Parallel.defaultThreads();
        double box = 500.0;
        Particles particles = TestFields.clumpy(count, 30, 1.0, box, 1L);
        Grid delta = MassAssignment.densityContrast(particles, n, Window.CIC, 0.0, threads, 0.0, List.of());
        System.out.printf(Locale.ROOT, "mesh %d^3, %d particles, %d threads, Java %s, max heap %d MiB, %d runs (median)%n",
                n, count, threads, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, runs);

        PowerSpectrum plain = new PowerSpectrum(PowerSpec.pylians(), new JTransformsFft3d(threads), threads);
        PowerSpectrum interlaced = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(threads), threads);
        JTransformsFft3d fft = new JTransformsFft3d(threads);
        JTransformsFft3d fft1 = new JTransformsFft3d(1);
        FourierDensity field = FourierDensity.of(delta, fft);
        report("Loupe FFT only (JTransforms r2c, 1 thread, double)", runs, () -> fft1.forward(delta.values(), n));
        report("Loupe FFT only (JTransforms r2c, " + threads + " threads, double)", runs, () -> fft.forward(delta.values(), n));
        report("Loupe binning only (P, P2, P4)", runs, () -> plain.auto(field));
        report("Loupe grid: FFT + binning", runs, () -> plain.auto(delta));
        report("Loupe particles, no interlacing: paint + FFT + binning", runs,
                () -> plain.auto(particles, n, Window.CIC, 0.0, List.of()));
        report("Loupe particles, interlaced: 2 x (paint + FFT) + combine + bin", runs,
                () -> interlaced.auto(particles, n, Window.CIC, 0.0, List.of()));
        pythonAnchor(python, n, runs, threads);
    }

    private static void pythonAnchor(String python, int n, int runs, int threads) throws Exception {
        Process proc = new ProcessBuilder(python, "-c", PYTHON_ANCHOR, String.valueOf(n), String.valueOf(runs),
                String.valueOf(threads)).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println(line);
            }
        }
        if (proc.waitFor() != 0) {
            System.out.println("python anchor failed (" + python + " needs numpy)");
        }
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
        StringBuilder all = new StringBuilder();
        for (double x : t) {
            all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        System.out.printf(Locale.ROOT, "%-62s median %.3f s  (runs: %s)%n", what, sorted[runs / 2], all);
    }
}
