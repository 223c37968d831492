package org.loupe.sim;

import java.nio.file.Path;

import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;

/**
 * Not a test: how Loupe's PM agreement with GADGET-4 depends on steps and mesh factor B (numbers
 * for BENCHMARKS.md). Usage: PmConvergenceStudy SHARED_DATA_DIR [RUN=A_N032].
 */
public final class PmConvergenceStudy {

    private PmConvergenceStudy() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        String run = args.length > 1 ? args[1] : "A_N032";
        Snapshot ics = SnapshotReader.open(root.resolve("gadget4/" + run + "/snapshot_000.hdf5"));
        Snapshot ref = SnapshotReader.open(root.resolve("gadget4/" + run + "/snapshot_004.hdf5"));
        System.out.println("| run | B | steps | max abs(P_Loupe/P_GADGET - 1), k <= k_Nyq/2 | min r(k) | wall (s) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int b : new int[] {1, 2, 4}) {
            for (int steps : new int[] {5, 10, 20, 40}) {
                long t0 = System.nanoTime();
                double[] w = Gadget4ComparisonTest.compare(ics, ref, b, steps, false);
                System.out.printf("| %s | %d | %d | %.4f | %.5f | %.1f |%n", run, b, steps, w[0], w[1], (System.nanoTime() - t0) * 1e-9);
            }
        }
    }
}
