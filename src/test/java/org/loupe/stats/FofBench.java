package org.loupe.stats;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;

/**
 * Timings of the friends-of-friends finder (not a test: run by hand from the repository root after
 * {@code mvn -o test-compile}):
 * <pre>
 * java -Xmx6g -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.loupe.stats.FofBench [side...] [snapshot...]
 * </pre>
 * For each integer argument n: n³ particles of {@link HaloFields#clustered} (half of them in
 * halos with ρ ∝ r⁻², mean overdensity 200, dN/dlen ∝ len⁻²) in a box of n/2 Mpc/h (mean spacing
 * 0.5 Mpc/h); every other argument is a snapshot path. Each is timed on 1 and 2 threads (b = 0.2,
 * at least 20 particles): the median of 3 runs after one warm-up run.
 */
public final class FofBench {

    private FofBench() {
    }

    public static void main(String[] args) {
        String[] what = args.length == 0 ? new String[] {"128", "256"} : args;
        for (String a : what) {
            Particles p;
            String label;
            if (a.matches("\\d+")) {
                int side = Integer.parseInt(a);
                p = HaloFields.clustered(side * side * side, side / 2.0, 0.5, 42L);
                label = "clustered " + side + "^3";
            } else {
                p = SnapshotReader.open(Path.of(a)).readParticles(1);
                label = a;
            }
            for (int threads : new int[] {1, 2}) {
                HaloCatalogue[] last = new HaloCatalogue[1];
                double[] t = time(() -> last[0] = FriendsOfFriends.halos(p, FofSpec.defaults(), threads));
                HaloCatalogue c = last[0];
                System.out.printf(Locale.ROOT, "%-40s %9d particles  %d thread(s): median %.3f s (runs %s)  %d halos,"
                        + " largest %d, %.1f %% in halos%n", label, p.count(), threads, t[t.length / 2],
                        Arrays.toString(Arrays.stream(t).map(v -> Math.round(v * 1000) / 1000.0).toArray()), c.size(),
                        c.size() == 0 ? 0 : c.members()[0], 100.0 * c.particlesInGroups() / p.count());
            }
        }
    }

    private static double[] time(Runnable r) {
        r.run();
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) * 1e-9;
        }
        Arrays.sort(t);
        return t;
    }
}
