package org.loupe.cli;

import java.util.Locale;

/**
 * The memory plan of {@code loupe validate}, from the headers alone: what its phases hold at
 * their peak, the refusal (exit 7) before any particle is read when the heap cannot hold it, and
 * the note when --memory-mb is below the halo finder's thinnest slab.
 */
final class ValidateMemory {

    private ValidateMemory() {
    }

    /** LR bytes per particle held for the whole run: its displacement field (12), which makes the trilinear baseline. */
    static final long LR_BYTES_PER_PARTICLE = 12;

    /** The P(k) phase: HR's spectrum kept while another box is painted (interlaced). */
    static long meshBytes(int mesh, boolean withHr) {
        return org.loupe.stats.PowerSpectrum.heapBytes(mesh, withHr ? 2 : 1, true);
    }

    /**
     * The heap a report needs, from the headers: LR held whole, then the largest of its phases,
     * which run one after another: the seam metric and the halo finder (within the working memory,
     * in slabs when a box needs more), the slices, and the meshes. SR and HR are never held whole:
     * they are read pass by pass, so the plan grows with the LR box and the mesh, not with them.
     */
    static long heapBytes(long lrCount, long srCount, long hrCount, int mesh, boolean seams, long workBytes) {
        long largest = Math.max(srCount, hrCount);
        // Seams: an SR and an HR slab of Ψ within the working memory, and the reads' bitmap of sites seen.
        long seamPhase = seams ? Math.min(24 * srCount, workBytes) + srCount / 8 : 0;
        long fofPhase = Math.min(org.loupe.stats.SlabFriendsOfFriends.BYTES_PER_PARTICLE * largest, workBytes)
                + org.loupe.stats.SlabFriendsOfFriends.boundaryBytes(largest, org.loupe.stats.FofSpec.defaults());
        int sliceMesh = Math.min(mesh, (int) Math.round(Math.cbrt((double) largest)));
        long slicePhase = 4L * sliceMesh * sliceMesh * sliceMesh;
        long phases = Math.max(Math.max(seamPhase, fofPhase), Math.max(slicePhase, meshBytes(mesh, hrCount > 0)));
        // JVM and classes, blocks of streamed particles (32 MB each), the LR read's bitmap of sites seen.
        return (256L << 20) + (128L << 20) + LR_BYTES_PER_PARTICLE * lrCount + lrCount / 8 + phases;
    }

    /**
     * A note when the working memory is below the halo finder's thinnest slab of a box of
     * {@code particles} (slabs thinner than 2.5 linking lengths would not hold a group's links, so
     * the finder uses the thinnest it can and more memory than asked), else null.
     */
    static String thinnestSlabNote(long particles, long workBytes) {
        int slabs = org.loupe.stats.SlabFriendsOfFriends.maxSlabs(particles, org.loupe.stats.FofSpec.defaults());
        long smallest = org.loupe.stats.SlabFriendsOfFriends.BYTES_PER_PARTICLE * particles / slabs;
        return workBytes >= smallest ? null : String.format(Locale.ROOT, "loupe: note: --memory-mb %d is below the halo"
                + " finder's thinnest slab of a %d-particle box (%d slabs, about %d MB each); it uses those", workBytes >> 20,
                particles, slabs, smallest >> 20);
    }

    /**
     * Refuses (exit 7) before reading a particle when the plan exceeds what the heap can hold,
     * naming what to change. The plan's arrays are mesh-sized and live long: they must fit the
     * old generation, which with the parallel collector's default split is 2/3 of the heap.
     */
    static void require(long lrCount, long srCount, long hrCount, int mesh, boolean seams, long workBytes) {
        long need = heapBytes(lrCount, srCount, hrCount, mesh, seams, workBytes);
        long have = oldGenerationBytes();
        if (need > have) {
            throw new org.loupe.MemoryException(String.format(Locale.ROOT, "validate of %d SR particles needs about %.1f GB of Java"
                    + " heap for its long-lived arrays (%.1f GB can hold them; %.1f GB of it the %d^3 mesh, %.1f GB the working"
                    + " memory): raise LOUPE_HEAP to %dg on a node with that memory%s", srCount, need / 1e9, have / 1e9,
                    meshBytes(mesh, hrCount > 0) / 1e9, mesh,
                    Math.min(org.loupe.stats.SlabFriendsOfFriends.BYTES_PER_PARTICLE * Math.max(srCount, hrCount), workBytes) / 1e9,
                    (long) Math.ceil(need * 1.5 / (1L << 30)) + 1, mesh > 256 ? ", or lower --grid or --memory-mb" : ", or lower --memory-mb"));
        }
    }

    /** The most the old (tenured) generation can hold, or the whole heap when the collector has none. */
    static long oldGenerationBytes() {
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            long max = pool.getUsage().getMax();
            if ((name.contains("Old Gen") || name.contains("Tenured")) && max > 0) {
                return max;
            }
        }
        return Runtime.getRuntime().maxMemory();
    }
}
