package org.loupe.sim;

import java.util.function.Consumer;

import org.loupe.Parallel;
import org.loupe.cosmology.Cosmology;
import org.loupe.particles.Box;
import org.loupe.particles.Particles;

/**
 * Kick–drift–kick leapfrog for P³M with hierarchical (block) time steps, as GADGET-4 integrates
 * TreePM: the long-range mesh force kicks every particle once per top step (a half kick at each
 * end), while the short-range pair force is integrated in nested KDK sub-steps Δ/2^L, each
 * particle on the level L its acceleration asks for — GADGET-4's criterion Δ = √(2ηε / |a|),
 * written for comoving coordinates as Δln a = √(2 η ε a³ E² / |F|). Particles are put on levels
 * at the start of each top step from their total force there. Only particles whose sub-step
 * ends are given new pair forces; everybody is drifted to each such time.
 *
 * <p>Why hierarchical: with one step size for all particles, P(k) and the halos converge only
 * at steps several times shorter than GADGET-4's top step (BENCHMARKS.md, "Simulator: P³M"),
 * while only the particles in halo cores need them.
 */
public final class HierarchicalKdk {

    private final int maxLevel;

    private final TimeFactors time;
    private final Gravity longRange;
    private final ShortRangeForce shortRange;
    private final double eta;
    private final double softeningMpcH;
    private final int threads;

    /**
     * @param eta GADGET-4's ErrTolIntAccuracy η (its runs used 0.01)
     * @param maxLevel deepest level: sub-steps down to Δ / 2^maxLevel (0 = one step for all)
     */
    public HierarchicalKdk(Cosmology cosmology, Gravity longRange, ShortRangeForce shortRange, double eta,
                           double softeningMpcH, int maxLevel, int threads) {
        this.maxLevel = maxLevel;
        this.time = new TimeFactors(cosmology);
        this.longRange = longRange;
        this.shortRange = shortRange;
        this.eta = eta;
        this.softeningMpcH = softeningMpcH;
        this.threads = threads;
    }

    /**
     * Integrates {@code start} through the scale factors {@code steps} (the top steps; the first
     * equal to the start's a) and calls {@code onStep} after each with the synchronised state.
     */
    public PmState run(PmState start, double[] steps, Consumer<PmState> onStep) {
        Particles p0 = start.particles();
        Box box = p0.box();
        int count = p0.count();
        float[] xf = p0.positionsMpcH().clone();
        double[] x = new double[3 * count];
        double[] mom = new double[3 * count];
        for (int i = 0; i < 3 * count; i++) {
            x[i] = xf[i];
            mom[i] = start.momentum()[i];
        }
        Particles current = new Particles(box, xf, null, p0.ids(), p0.massPerParticle(), p0.masses());
        float[] fLong = longRange.accelerations(current);
        float[] fShort = new float[3 * count];
        shortRange.addTo(current, fShort);
        int[] level = new int[count];
        int[] active = new int[count];
        double a0 = steps[0];
        for (int s = 1; s < steps.length; s++) {
            double a1 = steps[s];
            double lnA0 = Math.log(a0);
            double span = Math.log(a1) - lnA0;
            int top = assignLevels(fLong, fShort, level, a0, span);
            int ticks = 1 << top;
            double aMid = Math.exp(lnA0 + span / 2);
            kick(mom, fLong, time.kick(a0, aMid), count);
            for (int t = 0; t < ticks; t++) {
                int starting = select(level, top, t, active);
                kickActive(mom, fShort, active, starting, level, top, t, ticks, lnA0, span, true);
                double ta = Math.exp(lnA0 + span * t / ticks);
                double tb = Math.exp(lnA0 + span * (t + 1) / ticks);
                drift(x, xf, mom, time.drift(ta, tb), box);
                int ending = select(level, top, t + 1, active);
                if (ending == count) {
                    java.util.Arrays.fill(fShort, 0f);
                    shortRange.addTo(current, fShort);
                } else {
                    shortRange.set(current, active, ending, fShort);
                }
                kickActive(mom, fShort, active, ending, level, top, t + 1, ticks, lnA0, span, false);
            }
            fLong = longRange.accelerations(current);
            kick(mom, fLong, time.kick(aMid, a1), count);
            a0 = a1;
            onStep.accept(new PmState(current, toFloat(mom), a1));
        }
        return new PmState(current, toFloat(mom), a0);
    }

    /** Levels from the total force; returns the deepest level used in this top step. */
    private int assignLevels(float[] fLong, float[] fShort, int[] level, double a, double span) {
        double e = time.e(a);
        double scale = 2 * eta * softeningMpcH * a * a * a * e * e;
        int deepest = 0;
        for (int p = 0; p < level.length; p++) {
            double fx = fLong[3 * p] + fShort[3 * p];
            double fy = fLong[3 * p + 1] + fShort[3 * p + 1];
            double fz = fLong[3 * p + 2] + fShort[3 * p + 2];
            double f = Math.sqrt(fx * fx + fy * fy + fz * fz);
            int l = 0;
            if (f > 0) {
                double wanted = Math.sqrt(scale / f);
                while (l < maxLevel && span / (1 << l) > wanted) {
                    l++;
                }
            }
            level[p] = l;
            deepest = Math.max(deepest, l);
        }
        return deepest;
    }

    /** Particles whose sub-step begins or ends at tick t (of 2^top), into {@code active}; their count. */
    private static int select(int[] level, int top, int t, int[] active) {
        int n = 0;
        for (int p = 0; p < level.length; p++) {
            int stride = 1 << (top - level[p]);
            if (t % stride == 0) {
                active[n++] = p;
            }
        }
        return n;
    }

    /** Half kick of the active particles' pair force: into their sub-step (first) or out of it. */
    private void kickActive(double[] mom, float[] fShort, int[] active, int n, int[] level, int top, int t, int ticks,
                            double lnA0, double span, boolean first) {
        double edge = Math.exp(lnA0 + span * t / ticks);
        double[] byLevel = new double[top + 1];
        for (int l = 0; l <= top; l++) {
            double half = (1 << (top - l)) / 2.0;
            double mid = Math.exp(lnA0 + span * (first ? t + half : t - half) / ticks);
            byLevel[l] = first ? time.kick(edge, mid) : time.kick(mid, edge);
        }
        for (int q = 0; q < n; q++) {
            int p = active[q];
            double k = byLevel[level[p]];
            mom[3 * p] += fShort[3 * p] * k;
            mom[3 * p + 1] += fShort[3 * p + 1] * k;
            mom[3 * p + 2] += fShort[3 * p + 2] * k;
        }
    }

    private static void kick(double[] mom, float[] f, double factor, int count) {
        for (int i = 0; i < 3 * count; i++) {
            mom[i] += f[i] * factor;
        }
    }

    private void drift(double[] x, float[] xf, double[] mom, double factor, Box box) {
        double l = box.sizeMpcH();
        int count = xf.length / 3;
        Parallel.forEach(16, threads, r -> {
            int lo = (int) ((long) count * r / 16);
            int hi = (int) ((long) count * (r + 1) / 16);
            for (int i = 3 * lo; i < 3 * hi; i++) {
                double v = x[i] + mom[i] * factor;
                if (v < 0 || v >= l) {
                    v -= l * Math.floor(v / l);
                    if (v >= l) {
                        v = 0;
                    }
                }
                x[i] = v;
                float f = (float) v;
                xf[i] = f < l ? f : 0f;
            }
        });
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
