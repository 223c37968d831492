package org.loupe.sim;

import org.loupe.Parallel;
import org.loupe.particles.Particles;

/**
 * The short-range part of a {@link ForceSplit}: direct particle–particle sums within r_cut over a
 * {@link ChainingMesh} (P³M). Each particle gathers the pull of its neighbours in a fixed order
 * (neighbour cells, then sorted position), so the sum — and the output — is the same bit for bit
 * for any thread count; every pair is evaluated from both ends with the same arithmetic on the
 * negated separation, so pair forces are antisymmetric and momentum is conserved to the rounding
 * of the per-particle sums.
 */
public final class ShortRangeForce {

    /**
     * Neighbour cells searched each way (cells of r_cut / REACH); cells beyond the cut from the
     * particle are skipped, so finer cells check fewer pairs that lie outside it.
     */
    private static final int REACH = 2;
    /** Fixed slices of an active list, so the work split does not depend on the thread count. */
    private static final int RANGES = 64;

    private final PairKernel kernel;
    private final double cutMpcH;
    private final double omegaM;
    private final int threads;

    public ShortRangeForce(ForceSplit split, double omegaM, int threads) {
        this.kernel = new PairKernel(split);
        this.cutMpcH = split.cutMpcH();
        this.omegaM = omegaM;
        this.threads = threads;
    }

    /**
     * Adds the short-range accelerations to {@code out} (interleaved xyz, the particles' order), in
     * the units of the mesh force: ∇²φ = (3/2) Ω_m δ, so a mass m pulls with (3 Ω_m / 8π)·(m L³ / M)·r̂/r².
     */
    public void addTo(Particles particles, float[] out) {
        Sums sums = new Sums(particles);
        int nc = sums.mesh.cellsPerSide;
        Parallel.forEach(nc, threads, ci -> {
            double[] acc = new double[3];
            for (int cj = 0; cj < nc; cj++) {
                for (int ck = 0; ck < nc; ck++) {
                    int cell = (ci * nc + cj) * nc + ck;
                    for (int a = sums.mesh.start[cell]; a < sums.mesh.start[cell + 1]; a++) {
                        sums.pull(a, ci, cj, ck, acc);
                        int p = sums.mesh.order[a];
                        out[3 * p] += (float) acc[0];
                        out[3 * p + 1] += (float) acc[1];
                        out[3 * p + 2] += (float) acc[2];
                    }
                }
            }
        });
    }

    /**
     * The short-range accelerations of the {@code active} particles only (pulled by all), written
     * to {@code out} at those particles' slots; the other slots are left alone.
     */
    public void set(Particles particles, int[] active, int activeCount, float[] out) {
        Sums sums = new Sums(particles);
        ChainingMesh mesh = sums.mesh;
        Parallel.forEach(RANGES, threads, r -> {
            double[] acc = new double[3];
            int lo = (int) ((long) activeCount * r / RANGES);
            int hi = (int) ((long) activeCount * (r + 1) / RANGES);
            for (int q = lo; q < hi; q++) {
                int p = active[q];
                int a = mesh.rank[p];
                sums.pull(a, mesh.cell(mesh.x[a]), mesh.cell(mesh.y[a]), mesh.cell(mesh.z[a]), acc);
                out[3 * p] = (float) acc[0];
                out[3 * p + 1] = (float) acc[1];
                out[3 * p + 2] = (float) acc[2];
            }
        });
    }

    /** One evaluation: the sorted particles and the constants of the pair sum. */
    private final class Sums {

        final ChainingMesh mesh;
        final double box;
        final double g;
        final double[] masses;
        final double m0;

        Sums(Particles particles) {
            mesh = new ChainingMesh(particles, cutMpcH, REACH);
            box = particles.box().sizeMpcH();
            g = 3 * omegaM / (8 * Math.PI) * box * box * box / particles.totalMass();
            m0 = particles.massPerParticle();
            masses = particles.equalMasses() ? null : sortedMasses(mesh, particles.masses());
        }

        /** The pull on sorted particle {@code a} in cell (ci, cj, ck), into {@code acc}. */
        void pull(int a, int ci, int cj, int ck, double[] acc) {
            int nc = mesh.cellsPerSide;
            int reach = mesh.reach;
            float[] table = kernel.table();
            double perStep = kernel.perStep();
            double cut2 = kernel.cut2();
            double limit = kernel.entries();
            double[] xs = mesh.x;
            double[] ys = mesh.y;
            double[] zs = mesh.z;
            int[] start = mesh.start;
            double xa = xs[a];
            double ya = ys[a];
            double za = zs[a];
            double ax = 0;
            double ay = 0;
            double az = 0;
            double w = mesh.cellMpcH;
            for (int di = -reach; di <= reach; di++) {
                double gx = gap(xa, ci, di, w);
                if (gx >= cut2) {
                    continue;
                }
                int ni = ci + di;
                double sx = (ni < 0 ? -box : ni >= nc ? box : 0) - xa;
                ni = ni < 0 ? ni + nc : ni >= nc ? ni - nc : ni;
                for (int dj = -reach; dj <= reach; dj++) {
                    double gxy = gx + gap(ya, cj, dj, w);
                    if (gxy >= cut2) {
                        continue;
                    }
                    int nj = cj + dj;
                    double sy = (nj < 0 ? -box : nj >= nc ? box : 0) - ya;
                    nj = nj < 0 ? nj + nc : nj >= nc ? nj - nc : nj;
                    for (int dk = -reach; dk <= reach; dk++) {
                        if (gxy + gap(za, ck, dk, w) >= cut2) {
                            continue;
                        }
                        int nk = ck + dk;
                        double sz = (nk < 0 ? -box : nk >= nc ? box : 0) - za;
                        nk = nk < 0 ? nk + nc : nk >= nc ? nk - nc : nk;
                        int other = (ni * nc + nj) * nc + nk;
                        int end = start[other + 1];
                        for (int b = start[other]; b < end; b++) {
                            double dx = xs[b] + sx;
                            double dy = ys[b] + sy;
                            double dz = zs[b] + sz;
                            // Branch-free: beyond the cut t clamps to the table's zero end, and a
                            // particle's own entry has a zero separation, so both add exactly 0.
                            double t = Math.min((dx * dx + dy * dy + dz * dz) * perStep, limit);
                            int e = (int) t;
                            float f0 = table[e];
                            double f = f0 + (table[e + 1] - f0) * (t - e);
                            if (masses != null) {
                                f *= masses[b];
                            }
                            ax += f * dx;
                            ay += f * dy;
                            az += f * dz;
                        }
                    }
                }
            }
            double scale = masses == null ? g * m0 : g;
            acc[0] = ax * scale;
            acc[1] = ay * scale;
            acc[2] = az * scale;
        }
    }

    /**
     * Squared distance along one axis from coordinate {@code u} (in cell {@code c}) to the cell
     * {@code d} cells away: cells that no pair within the cut can reach are skipped whole.
     */
    private static double gap(double u, int c, int d, double w) {
        double g = d > 0 ? (c + d) * w - u : d < 0 ? u - (c + d + 1) * w : 0;
        return g > 0 ? g * g : 0;
    }

    private static double[] sortedMasses(ChainingMesh mesh, float[] masses) {
        double[] out = new double[mesh.order.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = masses[mesh.order[a]];
        }
        return out;
    }
}
