package org.loupe.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.LoupeException;
import org.loupe.ConfigException;
import org.loupe.mesh.MassAssignment;
import org.loupe.mesh.Window;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;

/**
 * {@code loupe bench foundation}: snapshot reading (contiguous and gzip) against h5py read_direct
 * in the same run, and CIC painting, as medians over repeats. Results go in BENCHMARKS.md.
 */
@Command(name = "bench", description = "Benchmarks of the foundation kernels against their anchors (results for BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--particles-per-side", defaultValue = "256", description = "N for N^3 particles (default 256).")
    int n;

    @Option(names = "--grid", converter = Ranges.Positive.class, defaultValue = "256", description = "Mesh for the painting benchmark (default 256).")
    int grid;

    @Option(names = "--repeats", converter = Ranges.Positive.class, defaultValue = "5", description = "Timed repeats; the median is reported (default 5).")
    int repeats;

    @Option(names = "--dir", description = "Scratch folder (default: a temp folder, deleted afterwards).")
    Path dir;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with h5py for the anchor.")
    String python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? org.loupe.Leftovers.createFolders(dir) : Files.createTempDirectory("loupe-bench");
        Particles p = randomParticles(n, 256.0, 1);
        out.printf(Locale.ROOT, "machine: %d processors, Java %s; %d^3 particles, %d repeats (median)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n, repeats);
        out.println("| benchmark | Loupe (s) | anchor (s) | ratio |");
        out.println("|---|---|---|---|");
        for (int gzip : new int[] {0, 4}) {
            Path file = work.resolve("bench_gz" + gzip + ".hdf5");
            SnapshotWriter.write(file, p, new SnapshotMeta(0, 0.3, 0.7, 0.7, "{}"), WriteOptions.defaults().withGzip(gzip));
            double loupe = median(() -> time(() -> SnapshotReader.open(file).readParticles(1)));
            double anchor = h5py(file);
            out.printf(Locale.ROOT, "| read %d^3 (pos+vel+ids, %s) | %.3f | h5py read_direct %.3f | %.2f |%n", n,
                    gzip == 0 ? "contiguous" : "gzip 4 + shuffle", loupe, anchor, loupe / anchor);
            out.flush();
            Files.deleteIfExists(file);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        double one = median(() -> time(() -> MassAssignment.paintMass(p, grid, Window.CIC, 0, 1)));
        double all = median(() -> time(() -> MassAssignment.paintMass(p, grid, Window.CIC, 0, threads)));
        out.printf(Locale.ROOT, "| CIC %d^3 particles -> %d^3, 1 thread | %.3f | | |%n", n, grid, one);
        out.printf(Locale.ROOT, "| CIC %d^3 particles -> %d^3, %d threads | %.3f | | speed-up %.2f |%n", n, grid, threads, all, one / all);
        double tsc = median(() -> time(() -> MassAssignment.paintMass(p, grid, Window.TSC, 0, threads)));
        out.printf(Locale.ROOT, "| TSC %d^3 particles -> %d^3, %d threads | %.3f | | |%n", n, grid, threads, tsc);
        if (dir == null) {
            Files.deleteIfExists(work);
        }
        return 0;
    }

    private double median(Supplier<Double> run) {
        run.get(); // warm-up: JIT and page cache
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            t[i] = run.get();
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) * 1e-9;
    }

    private double h5py(Path file) throws Exception {
        Path script = Path.of("scripts/bench/h5py_read.py");
        if (!Files.isRegularFile(script)) {
            throw new ConfigException("scripts/bench/h5py_read.py not found: run the benchmark from the repository root");
        }
        Process proc = new ProcessBuilder(python, script.toString(), file.toString(), String.valueOf(repeats + 1))
                .redirectErrorStream(true).start();
        List<Double> times = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                try {
                    times.add(Double.parseDouble(line.trim()));
                } catch (NumberFormatException ignored) {
                    // not a timing line
                }
            }
        }
        if (proc.waitFor() != 0 || times.size() < 2) {
            throw new LoupeException("h5py anchor failed (needs python3-h5py): " + all);
        }
        List<Double> timed = new ArrayList<>(times.subList(1, times.size()));
        timed.sort(null);
        return timed.get(timed.size() / 2);
    }

    private static Particles randomParticles(int side, double box, long seed) {
        int count = side * side * side;
        float[] pos = new float[3 * count];
        float[] vel = new float[3 * count];
        long[] ids = new long[count];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (float) (rng.nextDouble() * box);
            vel[i] = (float) (rng.nextGaussian() * 300);
        }
        for (int i = 0; i < count; i++) {
            ids[i] = i + 1L;
        }
        return new Particles(new Box(box), pos, vel, ids, 1.0, null);
    }
}
