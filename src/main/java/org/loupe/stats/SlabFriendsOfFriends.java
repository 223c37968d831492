package org.loupe.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

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

    private static final byte INTERIOR = 0;
    /** A core particle within the buffer width of the slab's lower face: the previous slab's buffer. */
    private static final byte STRIP = 1;
    /** A particle of the next slab's strip, read to find the links across the upper face. */
    private static final byte BUFFER = 2;

    /** No node and no row: the particle's group is finished elsewhere or too small. */
    private static final int NONE = Integer.MIN_VALUE;

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
        final Nodes nodes = new Nodes();
        final Rows rows = new Rows();
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
                nodes.retire(this, previousBuffer, firstStrip);
            }
            join(previousBuffer, firstStrip, 0);
            nodes.finish(this);
            return rows.catalogue(new FofMeta(length, spec.linkingFactor(), link, spec.minMembers(), stream.count(),
                    unequalMasses ? Double.NaN : massPerParticle), box);
        }

        /** The particles of slab s and of its buffer, in stream order. */
        Slab read(int s, int size) {
            Slab slab = new Slab(size);
            int next = (s + 1) % slabs;
            stream.forEachBlock(BLOCK, p -> {
                float[] x = p.positionsMpcH();
                for (int i = 0; i < p.count(); i++) {
                    int owner = slabOf(x[3 * i]);
                    byte kind;
                    if (owner == s) {
                        kind = inStrip(x[3 * i], s) ? STRIP : INTERIOR;
                    } else if (owner == next && inStrip(x[3 * i], next)) {
                        kind = BUFFER;
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
        int[][] link(Slab slab, int s) {
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
                    shared[r] |= slab.kind[particle] != INTERIOR;
                    owned[r] |= slab.kind[particle] != BUFFER;
                }
            }
            // Per root: a finished halo (row), a boundary node, or nothing: a small interior group,
            // or a group of buffer particles alone, whose links the next slab finds among its own.
            int[] target = new int[cells.cells];
            Arrays.fill(target, NONE);
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
                strips += k == STRIP ? 1 : 0;
                buffers += k == BUFFER ? 1 : 0;
            }
            int[] stripNodes = new int[strips];
            int[] bufferNodes = new int[buffers];
            int si = 0;
            int bi = 0;
            // Stream order, so that sums and anchors do not depend on the cell layout's ties.
            for (int q = 0; q < n; q++) {
                int t = target[root[cellOf[q]]];
                if (slab.kind[q] == STRIP) {
                    stripNodes[si++] = t;
                } else if (slab.kind[q] == BUFFER) {
                    bufferNodes[bi++] = t;
                }
                if (t == NONE) {
                    continue;
                }
                Sums into = t >= 0 ? nodes.sums : rows.sums;
                int g = t >= 0 ? t : -1 - t;
                into.add(g, slab, q, slab.kind[q] != BUFFER, box);
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
                if (buffer[i] != NONE) {
                    nodes.union(buffer[i], strip[i], box);
                }
            }
        }
    }

    /** The particles of one slab and its buffer, in stream order. */
    private static final class Slab {
        final float[] pos;
        final byte[] kind;
        /** Velocities (km/s) when the stream carries them, else null. */
        float[] vel;
        /** Per-particle masses when the stream's differ, else null. */
        float[] masses;
        double massPerParticle = Double.NaN;
        int count;

        Slab(int size) {
            pos = new float[3 * size];
            kind = new byte[size];
        }

        void add(Particles p, int i, byte k) {
            System.arraycopy(p.positionsMpcH(), 3 * i, pos, 3 * count, 3);
            if (p.velocitiesKmS() != null) {
                if (vel == null) {
                    vel = new float[pos.length];
                }
                System.arraycopy(p.velocitiesKmS(), 3 * i, vel, 3 * count, 3);
            }
            if (p.masses() != null) {
                if (masses == null) {
                    masses = new float[kind.length];
                    java.util.Arrays.fill(masses, 0, count, (float) massPerParticle);
                }
                masses[count] = p.masses()[i];
            } else {
                massPerParticle = p.massPerParticle();
                if (masses != null) {
                    masses[count] = (float) massPerParticle;
                }
            }
            kind[count++] = k;
        }

        double mass(int q) {
            return masses == null ? massPerParticle : masses[q];
        }
    }

    /**
     * Growable per-group sums: core members, mass, mass-weighted offsets from an anchor particle
     * (minimum image, so groups across the periodic faces stay whole) and mass-weighted velocity.
     */
    private static final class Sums {
        long[] members = new long[16];
        double[] mass = new double[16];
        double[] anchor = new double[48];
        boolean[] anchored = new boolean[16];
        double[] offset = new double[48];
        double[] momentum = new double[48];
        boolean velocities = true;
        int size;

        int add() {
            if (size == members.length) {
                int c = 2 * size;
                members = Arrays.copyOf(members, c);
                mass = Arrays.copyOf(mass, c);
                anchor = Arrays.copyOf(anchor, 3 * c);
                anchored = Arrays.copyOf(anchored, c);
                offset = Arrays.copyOf(offset, 3 * c);
                momentum = Arrays.copyOf(momentum, 3 * c);
            }
            return size++;
        }

        /** Row {@code r} takes the sums of {@code from}'s group g. */
        void copyFrom(Sums from, int g, int r) {
            members[r] = from.members[g];
            mass[r] = from.mass[g];
            anchored[r] = true;
            for (int d = 0; d < 3; d++) {
                anchor[3 * r + d] = from.anchor[3 * g + d];
                offset[3 * r + d] = from.offset[3 * g + d];
                momentum[3 * r + d] = from.momentum[3 * g + d];
            }
            velocities &= from.velocities;
        }

        /** Adds particle q of the slab to group g: to the anchor always, to the sums when it is owned. */
        void add(int g, Slab slab, int q, boolean owned, Box box) {
            if (!anchored[g]) {
                anchored[g] = true;
                for (int d = 0; d < 3; d++) {
                    anchor[3 * g + d] = slab.pos[3 * q + d];
                }
            }
            if (!owned) {
                return;
            }
            double w = slab.mass(q);
            members[g]++;
            mass[g] += w;
            for (int d = 0; d < 3; d++) {
                offset[3 * g + d] += w * box.minimumImage(slab.pos[3 * q + d] - anchor[3 * g + d]);
                momentum[3 * g + d] += slab.vel == null ? 0 : w * slab.vel[3 * q + d];
            }
            velocities &= slab.vel != null;
        }
    }

    /** Boundary groups: a union-find whose roots carry the sums of their sets. */
    private static final class Nodes {
        Sums sums = new Sums();
        int[] parent = new int[16];

        int add() {
            int g = sums.add();
            if (g == parent.length) {
                parent = Arrays.copyOf(parent, 2 * g);
            }
            parent[g] = g;
            return g;
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b, Box box) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            int keep = Math.min(ra, rb);
            int gone = Math.max(ra, rb);
            parent[gone] = keep;
            sums.members[keep] += sums.members[gone];
            double m = sums.mass[gone];
            sums.mass[keep] += m;
            for (int d = 0; d < 3; d++) {
                // Offsets of the joined set re-anchored on the kept root's anchor.
                double shift = box.minimumImage(sums.anchor[3 * gone + d] - sums.anchor[3 * keep + d]);
                sums.offset[3 * keep + d] += sums.offset[3 * gone + d] + m * shift;
                sums.momentum[3 * keep + d] += sums.momentum[3 * gone + d];
            }
        }

        /**
         * Keeps only the sets that {@code open} and {@code first} still reach (their entries are
         * renumbered in place); every other set is complete and becomes a row when large enough.
         */
        void retire(Run run, int[] open, int[] first) {
            int[] index = new int[sums.size];
            Arrays.fill(index, -1);
            Sums kept = new Sums();
            for (int[] refs : new int[][] {open, first}) {
                for (int i = 0; i < refs.length; i++) {
                    if (refs[i] == NONE) {
                        continue;
                    }
                    int r = find(refs[i]);
                    if (index[r] < 0) {
                        index[r] = kept.add();
                        kept.copyFrom(sums, r, index[r]);
                    }
                    refs[i] = index[r];
                }
            }
            for (int g = 0; g < sums.size; g++) {
                if (find(g) == g && index[g] < 0 && sums.members[g] >= run.spec.minMembers()) {
                    run.rows.sums.copyFrom(sums, g, run.rows.add());
                }
            }
            sums = kept;
            parent = new int[Math.max(16, kept.size)];
            for (int g = 0; g < kept.size; g++) {
                parent[g] = g;
            }
        }

        /** Every root with enough members becomes a halo row. */
        void finish(Run run) {
            for (int g = 0; g < sums.size; g++) {
                if (find(g) == g && sums.members[g] >= run.spec.minMembers()) {
                    run.rows.sums.copyFrom(sums, g, run.rows.add());
                }
            }
        }
    }

    /** Finished halos. */
    private static final class Rows {
        final Sums sums = new Sums();

        int add() {
            return sums.add();
        }

        HaloCatalogue catalogue(FofMeta meta, Box box) {
            int n = sums.size;
            double[][] centre = new double[3][n];
            double[][] velocity = new double[3][n];
            for (int g = 0; g < n; g++) {
                for (int d = 0; d < 3; d++) {
                    centre[d][g] = box.wrap(sums.anchor[3 * g + d] + sums.offset[3 * g + d] / sums.mass[g]);
                    velocity[d][g] = sums.velocities ? sums.momentum[3 * g + d] / sums.mass[g] : Double.NaN;
                }
                if (!Double.isNaN(meta.particleMass())) {
                    // N × m exactly, as the in-memory finder: the same masses whatever the slabs' partial sums.
                    sums.mass[g] = sums.members[g] * meta.particleMass();
                }
            }
            int[] rank = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(g -> -sums.mass[g])
                            .thenComparingLong(g -> -sums.members[g])
                            .thenComparingDouble(g -> centre[0][g])
                            .thenComparingDouble(g -> centre[1][g])
                            .thenComparingDouble(g -> centre[2][g]))
                    .mapToInt(Integer::intValue).toArray();
            int[] members = new int[n];
            double[] mass = new double[n];
            double[][] c = new double[6][n];
            for (int i = 0; i < n; i++) {
                int g = rank[i];
                members[i] = Math.toIntExact(sums.members[g]);
                mass[i] = sums.mass[g];
                for (int d = 0; d < 3; d++) {
                    c[d][i] = centre[d][g];
                    c[3 + d][i] = velocity[d][g];
                }
            }
            return new HaloCatalogue(meta, members, mass, c[0], c[1], c[2], c[3], c[4], c[5]);
        }
    }
}
