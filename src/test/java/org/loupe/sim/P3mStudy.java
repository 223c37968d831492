package org.loupe.sim;

import java.nio.file.Path;
import java.util.List;

import org.loupe.cosmology.Cosmology;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;

/**
 * Not a test: accuracy against cost of Loupe's P³M (and PM) from GADGET-4's initial conditions
 * (numbers for BENCHMARKS.md). Usage: P3mStudy GADGET4_DIR RUN FORCE MESH_FACTOR STEPS
 * [SOFTENING SPLIT_CELLS CUT_SPLITS MAX_STEP_LN_A ETA MAX_LEVELS MESH_CELLS] [rows]; FORCE pm or p3m;
 * '-' keeps a default.
 */
public final class P3mStudy {

    private P3mStudy() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        String run = args[1];
        String force = args[2];
        int b = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        P3mSpec p3m = force.equals("p3m") ? new P3mSpec(arg(args, 5), arg(args, 6), arg(args, 7), arg(args, 8), arg(args, 9),
                arg(args, 10) == null ? null : arg(args, 10).intValue(), arg(args, 11) == null ? null : arg(args, 11).intValue()) : null;
        boolean rows = args[args.length - 1].equals("rows");
        Snapshot ics = SnapshotReader.open(root.resolve(run + "/snapshot_000.hdf5"));
        Snapshot ref = SnapshotReader.open(root.resolve(run + "/snapshot_004.hdf5"));
        SimSpec spec = new SimSpec(64.0, 2, 2, b, 49.0, List.of(0.0), steps, 2, "eh", null, 1, 1, 0, 0,
                Cosmology.referenceRuns(), force, p3m);
        int threads = Runtime.getRuntime().availableProcessors();
        SimComparison.Result r = SimComparison.run(ics, ref, spec, threads);
        if (rows) {
            r.rows().forEach(System.out::println);
        }
        System.out.printf("| %s | %s | %d | %s | %d | %.4f | %.5f | %d / %d = %.3f | %.1f | %.4f | %.4f | %.0f |%n", run, force, b,
                p3m == null ? "-" : String.format("eps=%.4f a_s=%.2f cut=%.1f dlna=%.3f eta=%.3f L=%d mesh=%s", p3m.softening(),
                        p3m.splitCells(), p3m.cutSplits(), p3m.maxStepLnA(), p3m.timestepAccuracy(), p3m.maxLevels(),
                        p3m.meshCells() == null ? b + "N" : p3m.meshCells()),
                r.steps(), r.worstPk(), r.minR(), r.halos(), r.halosReference(), r.haloRatio(), r.worstBinSigma(),
                r.worstVelocityPk(), r.worstMomentumPk(), r.wallSeconds());
    }

    private static Double arg(String[] args, int i) {
        return args.length > i && !args[i].equals("rows") && !args[i].equals("-") ? Double.valueOf(args[i]) : null;
    }
}
