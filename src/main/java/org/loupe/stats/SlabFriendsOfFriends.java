package org.loupe.stats;

import java.util.Arrays;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.particles.Box;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * {@link FriendsOfFriends} in memory bounded by a slab, not the box: the box is cut into S slabs
 * along x, each read from the stream in its own pass together with a buffer one linking length
 * wide beyond its upper face, and linked alone. Every pair of friends lies within one slab and its
 * buffer, so every link is found; the buffer particles are also the lower strip of the next slab,
 * and a group that reaches a strip is joined, through those shared particles, with the groups of
 * the neighbouring slab in a small union-find over such boundary groups only. Groups that touch
 * no strip are finished in their slab. A particle counts in the slab that owns it (its core), so
 * the groups, their sizes and masses are those of the in-memory finder (the test compares them);
 * centres of mass differ only by rounding; velocities are averaged when the stream carries them.
 *
 * <p>Memory: about {@link #BYTES_PER_PARTICLE} bytes per particle of the largest slab with its
 * buffer, plus the boundary groups still open (those of the last slab's upper face and of the
 * first slab's lower face: {@link #boundaryBytes}); S + 1 passes over the stream (one to size
 * the slabs).
 */
public final class SlabFriendsOfFriends {

    /**
     * Heap bytes per particle of a slab while it is linked: positions and kinds (13), the cell
     * sort (about 60), union-find, roots and group slots (about 20); measured in BENCHMARKS.md
     * ("Scale", FoF).
     */
    public static final long BYTES_PER_PARTICLE = 100;

    /** Particles read per stream block. */
    private static final int BLOCK = 1 << 20;

    private SlabFriendsOfFriends() {
    }

    /**
     * Heap bytes of the open boundary groups and the strip particles' group numbers, at most: three
     * strips one buffer wide (two faces open, and the slab being linked), at twice the mean density,
     * about 200 bytes each (a group's sums, grown by doubling).
     */
    public static long boundaryBytes(long particles, FofSpec spec) {
        double perFace = spec.linkingFactor() * Math.pow((double) particles, 2.0 / 3);
        return (long) (3 * 2 * perFace * 200);
    }

    /**
     * Slabs needed to keep one slab's working memory within {@code budgetBytes} (at least 1; 1
     * means the in-memory finder fits).
     */
    public static int slabsFor(long particles, long budgetBytes) {
        long need = BYTES_PER_PARTICLE * particles;
        if (need <= budgetBytes) {
            return 1;
        }
        // The buffers add a few per cent: aim at 85 % of the budget per slab.
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(need / (0.85 * budgetBytes)));
    }

    /** Largest number of slabs for a box: each slab at least two buffer widths wide. */
    public static int maxSlabs(long particles, FofSpec spec) {
        double spacing = 1 / Math.cbrt((double) particles);
        return Math.max(1, (int) Math.floor(1 / (2.5 * spec.linkingFactor() * spacing)));
    }

    /**
     * The halo catalogue of the stream's particles, found slab by slab (S = {@code slabs}; S = 1
     * reads the whole box and runs the in-memory finder). Groups sorted by mass, then size, then
     * centre (x, y, z).
     */
    public static HaloCatalogue halos(ParticleStream stream, FofSpec spec, int slabs, int threads) {
        long n = stream.count();
        if (n == 0) {
            throw new ConfigException("FoF needs at least one particle");
        }
        if (slabs < 1 || slabs > maxSlabs(n, spec)) {
            throw new ConfigException("FoF of " + n + " particles can use 1 to " + maxSlabs(n, spec) + " slabs, got " + slabs
                    + " (a slab must be wider than two linking lengths); give the finder more memory");
        }
        if (slabs == 1) {
            return FriendsOfFriends.halos(whole(stream), spec, threads);
        }
        return new Run(stream, spec, slabs, threads).run();
    }

    /** The stream's particles in one array (positions, masses, velocities when it carries them). */
    static Particles whole(ParticleStream stream) {
        long total = stream.count();
        if (total > Integer.MAX_VALUE / 3) {
            throw new ConfigException(total + " particles do not fit one array; find their halos in slabs");
        }
        int n = (int) total;
        float[] pos = new float[3 * n];
        float[][] vel = {null};
        float[][] mass = {null};
        double[] perParticle = {Double.NaN};
        int[] at = {0};
        stream.forEachBlock(BLOCK, p -> {
            int k = p.count();
            System.arraycopy(p.positionsMpcH(), 0, pos, 3 * at[0], 3 * k);
            if (p.velocitiesKmS() != null) {
                if (vel[0] == null) {
                    vel[0] = new float[3 * n];
                }
                System.arraycopy(p.velocitiesKmS(), 0, vel[0], 3 * at[0], 3 * k);
            }
            if (p.masses() != null) {
                if (mass[0] == null) {
                    mass[0] = new float[n];
                }
                System.arraycopy(p.masses(), 0, mass[0], at[0], k);
            } else {
                perParticle[0] = p.massPerParticle();
            }
            at[0] += k;
        });
        return new Particles(stream.box(), pos, vel[0], null, mass[0] != null ? Double.NaN : perParticle[0], mass[0]);
    }

    /** One pass of slabs with their state: the boundary groups and the finished halos. */
    private static final class Run {
        final ParticleStream stream;
        final FofSpec spec;
        final int slabs;
        final int threads;
        final Box box;
        final double length;
        final double link;
        final double width;
        /** Buffer width: ℓ with a margin for float rounding of the coordinates. */
        final double buffer;
        final FofBoundaryGroups nodes = new FofBoundaryGroups();
        /** Finished halos. */
        final FofGroupSums rows = new FofGroupSums();
        double massPerParticle = Double.NaN;
        boolean unequalMasses;

        Run(ParticleStream stream, FofSpec spec, int slabs, int threads) {
            this.stream = stream;
            this.spec = spec;
            this.slabs = slabs;
            this.threads = threads;
            this.box = stream.box();
            this.length = box.sizeMpcH();
            this.link = FriendsOfFriends.linkingLength(length, stream.count(), spec.linkingFactor());
            this.width = length / slabs;
            this.buffer = link * (1 + 1e-4) + length * 1e-6;
        }

        /** The slab owning coordinate x (in [0, L) after wrapping). */
        int slabOf(double x) {
            int s = (int) Math.floor(box.wrap(x) / width);
            return Math.min(Math.max(s, 0), slabs - 1);
        }

        /** Whether x (owned by slab s) lies in s's lower strip. */
        boolean inStrip(double x, int s) {
            return box.wrap(x) - s * width < buffer;
        }

        HaloCatalogue run() {
            long[] core = new long[slabs];
            long[] strip = new long[slabs];
            stream.forEachBlock(BLOCK, p -> {
                float[] x = p.positionsMpcH();
                for (int i = 0; i < p.count(); i++) {
                    int s = slabOf(x[3 * i]);
                    core[s]++;
                    if (inStrip(x[3 * i], s)) {
                        strip[s]++;
                    }
                }
            });
            int[] firstStrip = null;
            int[] previousBuffer = null;
            for (int s = 0; s < slabs; s++) {
                long size = core[s] + strip[(s + 1) % slabs];
                if (size > Integer.MAX_VALUE / 3) {
                    throw new ConfigException("an FoF slab of " + size + " particles does not fit one array; use more slabs");
                }
                int[][] shared = link(read(s, (int) size), s);
                int[] stripNodes = shared[0];
                if (s == 0) {
                    firstStrip = stripNodes;
                } else {
                    join(previousBuffer, stripNodes, s);
                }
                previousBuffer = shared[1];
                // Groups that reach neither the next slab nor slab 0's strip are complete: the
                // boundary groups held stay those of two faces, not of every face so far.
                nodes.retire(previousBuffer, firstStrip, spec.minMembers(), rows);
            }
            join(previousBuffer, firstStrip, 0);
            nodes.finish(spec.minMembers(), rows);
            return rows.catalogue(new FofMeta(length, spec.linkingFactor(), link, spec.minMembers(), stream.count(),
                    unequalMasses ? Double.NaN : massPerParticle), box);
        }

        /** The particles of slab s and of its buffer, in stream order. */
        FofSlab read(int s, int size) {
            FofSlab slab = new FofSlab(size);
            int next = (s + 1) % slabs;
            stream.forEachBlock(BLOCK, p -> {
                float[] x = p.positionsMpcH();
                for (int i = 0; i < p.count(); i++) {
                    int owner = slabOf(x[3 * i]);
                    byte kind;
                    if (owner == s) {
                        kind = inStrip(x[3 * i], s) ? FofSlab.STRIP : FofSlab.INTERIOR;
                    } else if (owner == next && inStrip(x[3 * i], next)) {
                        kind = FofSlab.BUFFER;
                    } else {
                        continue;
                    }
                    if (slab.count == size) {
                        throw changed(s);
                    }
                    slab.add(p, i, kind);
                }
                if (p.masses() != null) {
                    unequalMasses = true;
                } else if (Double.isNaN(massPerParticle)) {
                    massPerParticle = p.massPerParticle();
                } else if (massPerParticle != p.massPerParticle()) {
                    unequalMasses = true;
                }
            });
            if (slab.count != size) {
                throw changed(s);
            }
            return slab;
        }

        FormatException changed(int s) {
            return new FormatException("slab " + s + " of the FoF does not hold the particles its sizing pass counted: the"
                    + " input changed between passes; rerun on a file nothing writes to");
        }

        /**
         * Links slab s, finishes its groups that touch no strip, and turns the others into
         * boundary nodes. Returns the node of every strip particle and of every buffer particle,
         * each in stream order.
         */
        int[][] link(FofSlab slab, int s) {
            Particles p = new Particles(box, slab.pos, null, null, 1, null);
            FofCells cells = new FofCells(p, link, threads, s * width, width + buffer);
            ConcurrentUnionFind sets = new ConcurrentUnionFind(cells.cells);
            new FofLinker(cells, sets, link, length).run(threads);
            int n = slab.count;
            int[] root = new int[cells.cells];
            int[] members = new int[cells.cells];
            boolean[] shared = new boolean[cells.cells];
            boolean[] owned = new boolean[cells.cells];
            int[] cellOf = new int[n];
            for (int a = 0; a < cells.cells; a++) {
                int r = sets.find(a);
                root[a] = r;
                members[r] += cells.size(a);
                for (int q = cells.cellStart[a]; q < cells.cellStart[a + 1]; q++) {
                    int particle = cells.order[q];
                    cellOf[particle] = a;
                    shared[r] |= slab.kind[particle] != FofSlab.INTERIOR;
                    owned[r] |= slab.kind[particle] != FofSlab.BUFFER;
                }
            }
            // Per root: a finished halo (row), a boundary node, or nothing: a small interior group,
            // or a group of buffer particles alone, whose links the next slab finds among its own.
            int[] target = new int[cells.cells];
            Arrays.fill(target, FofBoundaryGroups.NONE);
            for (int a = 0; a < cells.cells; a++) {
                if (root[a] != a) {
                    continue;
                }
                if (shared[a] && owned[a]) {
                    target[a] = nodes.add();
                } else if (!shared[a] && members[a] >= spec.minMembers()) {
                    target[a] = -1 - rows.add();
                }
            }
            int strips = 0;
            int buffers = 0;
            for (byte k : slab.kind) {
                strips += k == FofSlab.STRIP ? 1 : 0;
                buffers += k == FofSlab.BUFFER ? 1 : 0;
            }
            int[] stripNodes = new int[strips];
            int[] bufferNodes = new int[buffers];
            int si = 0;
            int bi = 0;
            // Stream order, so that sums and anchors do not depend on the cell layout's ties.
            for (int q = 0; q < n; q++) {
                int t = target[root[cellOf[q]]];
                if (slab.kind[q] == FofSlab.STRIP) {
                    stripNodes[si++] = t;
                } else if (slab.kind[q] == FofSlab.BUFFER) {
                    bufferNodes[bi++] = t;
                }
                if (t == FofBoundaryGroups.NONE) {
                    continue;
                }
                FofGroupSums into = t >= 0 ? nodes.sums : rows;
                int g = t >= 0 ? t : -1 - t;
                into.add(g, slab, q, slab.kind[q] != FofSlab.BUFFER, box);
            }
            return new int[][] {stripNodes, bufferNodes};
        }

        /** Joins the groups of slab s − 1's buffer particles with those of slab s's strip (the same particles). */
        void join(int[] buffer, int[] strip, int s) {
            if (buffer.length != strip.length) {
                throw new FormatException("FoF slabs disagree at the face of slab " + s + " (" + buffer.length + " vs "
                        + strip.length + " shared particles): the input changed between passes; rerun on a file nothing writes to");
            }
            for (int i = 0; i < buffer.length; i++) {
                if (buffer[i] != FofBoundaryGroups.NONE) {
                    nodes.union(buffer[i], strip[i], box);
                }
            }
        }
    }
}
