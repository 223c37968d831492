package org.loupe.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.loupe.cosmology.Cosmology;
import org.loupe.mesh.JTransformsFft3d;

/**
 * Not a test: wall time and peak RSS of one PM run from z = 49 to 0 (numbers for BENCHMARKS.md).
 * Usage: SimBench PARTICLES_PER_SIDE BOX STEPS [MESH_FACTOR]; run one case per JVM.
 */
public final class SimBench {

    private SimBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double box = Double.parseDouble(args[1]);
        int steps = Integer.parseInt(args[2]);
        int b = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int threads = Runtime.getRuntime().availableProcessors();
        SimSpec spec = new SimSpec(box, n, n, b, 49.0, List.of(0.0), steps, 2, "eh", null, 1, 1, 0, 0, Cosmology.referenceRuns());
        PairGenerator gen = new PairGenerator(spec, new JTransformsFft3d(threads), threads, Path.of("."));
        long t0 = System.nanoTime();
        gen.runOne(n, 1, (s, t, a) -> { });
        double wall = (System.nanoTime() - t0) * 1e-9;
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM")).findFirst().orElse("?");
        System.out.printf("| %d^3 particles, %d^3 mesh, %d steps, %d threads | %.1f s | %s |%n", n, b * n, steps, threads, wall,
                hwm.replaceAll("VmHWM:\\s*", ""));
    }
}
