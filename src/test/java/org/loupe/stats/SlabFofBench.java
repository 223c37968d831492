package org.loupe.stats;

import java.nio.file.Path;
import java.util.Locale;

import org.loupe.particles.ParticleStream;
import org.loupe.snapshot.SnapshotReader;

/**
 * Time and memory of the slab-wise halo finder on a snapshot (not a test: run by hand after
 * {@code mvn -o package -DskipTests}, under {@code /usr/bin/time -v} with a chosen {@code -Xmx} to find
 * the smallest heap each slab count needs):
 * <pre>
 * java -Xmx600m -cp target/test-classes:target/loupe.jar org.loupe.stats.SlabFofBench SNAPSHOT SLABS [THREADS]
 * </pre>
 * The snapshot is read as a stream of positions, S + 1 times (S = 1: once, into one array).
 */
public final class SlabFofBench {

    private SlabFofBench() {
    }

    public static void main(String[] args) {
        ParticleStream s = SnapshotReader.open(Path.of(args[0])).stream(1);
        int slabs = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long start = System.nanoTime();
        HaloCatalogue c = SlabFriendsOfFriends.halos(s, FofSpec.defaults(), slabs, threads);
        double t = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "%s: %d particles, %d slab(s), %d thread(s): %.1f s, %d halos, largest %d, %d particles"
                + " in halos%n", args[0], s.count(), slabs, threads, t, c.size(), c.size() == 0 ? 0 : c.members()[0],
                c.particlesInGroups());
    }
}
