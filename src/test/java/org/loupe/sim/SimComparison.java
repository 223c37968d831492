package org.loupe.sim;

import java.util.ArrayList;
import java.util.List;

import org.loupe.cosmology.Cosmology;
import org.loupe.cosmology.Growth;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.LagrangianFields;
import org.loupe.mesh.Window;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.FofSpec;
import org.loupe.stats.FourierDensity;
import org.loupe.stats.FriendsOfFriends;
import org.loupe.stats.HaloCatalogue;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;

/**
 * Runs Loupe's simulator from GADGET-4's own initial conditions and compares its z = 0 particles
 * with GADGET-4's z = 0 snapshot on the footing: density P(k) and r(k) from CIC on 2N³ for
 * k ≤ k_Nyq(particles)/2, FoF (b = 0.2) counts with ≥ 50 particles and per 0.25 dex, and the power
 * of the velocity field on the lattice.
 */
final class SimComparison {

    /** What the comparison found; per-bin lists for the tables. */
    record Result(double worstPk, double minR, int halos, int halosReference, double worstBinSigma, double worstVelocityPk,
                  double worstMomentumPk, double wallSeconds, int steps, List<String> rows) {

        double haloRatio() {
            return halos / (double) halosReference;
        }
    }

    private SimComparison() {
    }

    static Result run(Snapshot ics, Snapshot ref, SimSpec spec, int threads) {
        var h = ics.header();
        Cosmology c = new Cosmology(h.omegaM(), h.omegaLambda(), 0.049, h.hubble(), 0.81, 0.965, 0);
        Particles p0 = ics.readParticles(1);
        int n = (int) Math.round(Math.cbrt(p0.count()));
        Fft3d fft = new JTransformsFft3d(threads);
        PmState start = new PmState(p0, PmState.momentumFromVelocities(p0.velocitiesKmS(), h.scaleFactor()), h.scaleFactor());
        int[] steps = {0};
        long t0 = System.nanoTime();
        List<PmRun.Output> out = PmRun.run(start, spec, c, new Growth(c), n, fft, threads, (s, t, a) -> steps[0] = t);
        double wall = (System.nanoTime() - t0) * 1e-9;
        return compare(out.get(0).particles(), ref.readParticles(1), n, h.boxMpcH(), threads, wall, steps[0]);
    }

    static Result compare(Particles loupe, Particles gadget, int n, double box, int threads, double wall, int steps) {
        Fft3d fft = new JTransformsFft3d(threads);
        List<String> rows = new ArrayList<>();
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), fft, threads);
        FourierDensity a = ps.paint(loupe, 2 * n, Window.CIC, 0, List.of());
        FourierDensity b = ps.paint(gadget, 2 * n, Window.CIC, 0, List.of());
        CrossPowerResult x = ps.cross(a, b);
        double kmax = Math.PI * n / box / 2;
        double worstRatio = 0;
        double worstR = 1;
        for (int i = 0; i < x.size() && x.k()[i] <= kmax; i++) {
            double ratio = x.pk1()[i] / x.pk2()[i];
            rows.add(String.format("k=%.3f P_L/P_G=%.4f r=%.5f", x.k()[i], ratio, x.r()[i]));
            worstRatio = Math.max(worstRatio, Math.abs(ratio - 1));
            worstR = Math.min(worstR, x.r()[i]);
        }
        FofSpec fof = FofSpec.defaults().withMinMembers(50);
        HaloCatalogue hl = FriendsOfFriends.halos(loupe, fof, threads);
        HaloCatalogue hg = FriendsOfFriends.halos(gadget, fof, threads);
        double worstSigma = 0;
        for (double lo = Math.log10(50); lo < 5; lo += 0.25) {
            int cl = count(hl, lo, lo + 0.25);
            int cg = count(hg, lo, lo + 0.25);
            if (cl + cg == 0) {
                continue;
            }
            double sigma = Math.abs(cl - cg) / Math.sqrt(cl + cg);
            rows.add(String.format("halos %4.0f-%4.0f: %d vs %d (%.1f sigma)", Math.pow(10, lo), Math.pow(10, lo + 0.25), cl, cg, sigma));
            worstSigma = Math.max(worstSigma, sigma);
        }
        double worstV = velocityWorst(loupe, gadget, n, box, fft, threads, rows);
        double worstM = momentumWorst(loupe, gadget, n, box, fft, threads, rows);
        return new Result(worstRatio, worstR, hl.size(), hg.size(), worstSigma, worstV, worstM, wall, steps, rows);
    }

    private static int count(HaloCatalogue h, double lo, double hi) {
        int c = 0;
        for (int m : h.members()) {
            double l = Math.log10(m);
            if (l >= lo && l < hi) {
                c++;
            }
        }
        return c;
    }

    /** Worst |P_v,Loupe / P_v,GADGET − 1| of the lattice velocity field (sum of components), k ≤ k_Nyq/2. */
    private static double velocityWorst(Particles loupe, Particles gadget, int n, double box, Fft3d fft, int threads,
                                        List<String> rows) {
        double[] pl = velocityPower(loupe, fft, threads);
        double[] pg = velocityPower(gadget, fft, threads);
        PowerResult bins = binsOf(loupe, fft, threads);
        double kmax = Math.PI * n / box / 2;
        double worst = 0;
        for (int i = 0; i < pl.length && bins.k()[i] <= kmax; i++) {
            double ratio = pl[i] / pg[i];
            rows.add(String.format("k=%.3f Pv_L/Pv_G=%.4f", bins.k()[i], ratio));
            worst = Math.max(worst, Math.abs(ratio - 1));
        }
        return worst;
    }

    /**
     * Worst |P_q,Loupe / P_q,GADGET − 1| of the momentum density q = (1 + δ) v (CIC on N³, sum of
     * the three components), k ≤ k_Nyq/2: unlike the lattice velocity field it averages the
     * virial motions inside a halo, which are chaotic and differ between any two integrations.
     */
    private static double momentumWorst(Particles loupe, Particles gadget, int n, double box, Fft3d fft, int threads,
                                        List<String> rows) {
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults().withCompensate(false).withInterlace(false), fft, threads);
        PowerResult[] l = new PowerResult[3];
        PowerResult[] g = new PowerResult[3];
        for (int c = 0; c < 3; c++) {
            l[c] = ps.auto(momentum(loupe, n, c));
            g[c] = ps.auto(momentum(gadget, n, c));
        }
        double kmax = Math.PI * n / box / 2;
        double worst = 0;
        for (int i = 0; i < l[0].size() && l[0].k()[i] <= kmax; i++) {
            double ratio = (l[0].pk()[i] + l[1].pk()[i] + l[2].pk()[i]) / (g[0].pk()[i] + g[1].pk()[i] + g[2].pk()[i]);
            rows.add(String.format("k=%.3f Pq_L/Pq_G=%.4f", l[0].k()[i], ratio));
            worst = Math.max(worst, Math.abs(ratio - 1));
        }
        return worst;
    }

    private static Grid momentum(Particles p, int n, int component) {
        float[] q = new float[n * n * n];
        double cells = n / p.box().sizeMpcH();
        float[] x = p.positionsMpcH();
        float[] v = p.velocitiesKmS();
        double perParticle = (double) n * n * n / p.count();
        for (int i = 0; i < p.count(); i++) {
            double u = x[3 * i] * cells;
            double w = x[3 * i + 1] * cells;
            double z = x[3 * i + 2] * cells;
            int i0 = (int) Math.floor(u);
            int j0 = (int) Math.floor(w);
            int k0 = (int) Math.floor(z);
            double du = u - i0;
            double dw = w - j0;
            double dz = z - k0;
            double val = v[3 * i + component] * perParticle;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int c = 0; c < 2; c++) {
                        double wt = (a == 0 ? 1 - du : du) * (b == 0 ? 1 - dw : dw) * (c == 0 ? 1 - dz : dz);
                        int ii = Math.floorMod(i0 + a, n);
                        int jj = Math.floorMod(j0 + b, n);
                        int kk = Math.floorMod(k0 + c, n);
                        q[(ii * n + jj) * n + kk] += (float) (wt * val);
                    }
                }
            }
        }
        return new Grid(n, 1, p.box().sizeMpcH(), q, GridInfo.lattice(GridKind.VELOCITY, 0, List.of()));
    }

    private static double[] velocityPower(Particles p, Fft3d fft, int threads) {
        Lattice lattice = Lattice.detect(p, 0.0);
        Grid v = LagrangianFields.velocity(p, lattice, 0, List.of());
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults().withCompensate(false).withInterlace(false), fft, threads);
        double[] sum = null;
        for (int c = 0; c < 3; c++) {
            PowerResult r = ps.auto(v.channel(c));
            if (sum == null) {
                sum = new double[r.size()];
            }
            for (int i = 0; i < r.size(); i++) {
                sum[i] += r.pk()[i];
            }
        }
        return sum;
    }

    private static PowerResult binsOf(Particles p, Fft3d fft, int threads) {
        Lattice lattice = Lattice.detect(p, 0.0);
        Grid v = LagrangianFields.velocity(p, lattice, 0, List.of());
        return new PowerSpectrum(PowerSpec.defaults().withCompensate(false).withInterlace(false), fft, threads).auto(v.channel(0));
    }
}
