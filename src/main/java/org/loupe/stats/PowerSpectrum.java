package org.loupe.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.Parallel;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * The power spectrum estimator of docs/conventions.md, identical to Pylians' {@code Pk_library.Pk} (and
 * {@code XPk} for cross power) when interlacing is off: P(k) = ⟨|δ_k|²⟩ L³/N⁶ over the
 * independent modes of each bin ⌊|k|/k_F⌋, DC dropped, k the mean |k| of the bin's modes.
 *
 * <p>Typical use: {@code new PowerSpectrum(PowerSpec.defaults()).auto(particles, 256, Window.CIC,
 * z, sources).writeCsv(path)}. Results are independent of the thread count.
 */
public final class PowerSpectrum {

    private final PowerSpec spec;
    private final Fft3d fft;
    private final int threads;

    /** An estimator with the given settings, FFT and worker threads. */
    public PowerSpectrum(PowerSpec spec, Fft3d fft, int threads) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.fft = Objects.requireNonNull(fft, "fft");
        this.threads = Math.max(1, threads);
    }

    /** An estimator using JTransforms on {@link Parallel#defaultThreads()} threads. */
    public PowerSpectrum(PowerSpec spec) {
        this(spec, new JTransformsFft3d(Parallel.defaultThreads()), Parallel.defaultThreads());
    }

    public PowerSpec spec() {
        return spec;
    }

    /**
     * Fourier-space density of particles on an N³ mesh, painted with {@code window} and, when the
     * spec says so, interlaced. Use it to feed {@link #cross(FourierDensity, FourierDensity)}.
     */
    public FourierDensity paint(Particles particles, int n, Window window, double redshift, List<SourceFile> sources) {
        return FourierDensity.paint(particles, n, window, spec.interlace(), redshift, sources, fft, threads);
    }

    /** As above, painting particles while they are read. */
    public FourierDensity paint(ParticleStream particles, int n, Window window, double redshift, List<SourceFile> sources) {
        return FourierDensity.paint(particles, n, window, spec.interlace(), redshift, sources, fft, threads);
    }

    /**
     * Fourier-space field of a scalar grid (usually δ) with its metadata, transformed with this
     * estimator's FFT; feeds {@link #auto(FourierDensity)} and {@link #cross(FourierDensity, FourierDensity)}.
     */
    public FourierDensity fourier(Grid grid) {
        return FourierDensity.of(grid, fft);
    }

    /** P(k) of particles painted on an N³ mesh (interlaced if the spec says so). */
    public PowerResult auto(Particles particles, int n, Window window, double redshift, List<SourceFile> sources) {
        return auto(paint(particles, n, window, redshift, sources));
    }

    /**
     * P(k) of a scalar grid, usually δ. Its window (from {@code grid.info()}) is compensated when
     * the spec asks; the spec's interlacing does not apply (a grid cannot be repainted).
     */
    public PowerResult auto(Grid grid) {
        return auto(fourier(grid));
    }

    /** P(k), P2(k), P4(k) of a field already in Fourier space. */
    public PowerResult auto(FourierDensity field) {
        PowerMeta meta = PowerMeta.of(field, spec);
        ModeBinner.Sums s = ModeBinner.bin(field.spectrum(), window(field), null, null, spec.losAxis(),
                spec.binWidthKf(), threads);
        int[] keep = keptBins(s, field);
        double norm = norm(field);
        double shot = shotToSubtract(meta);
        double[] k = new double[keep.length];
        double[] p0 = new double[keep.length];
        double[] p2 = new double[keep.length];
        double[] p4 = new double[keep.length];
        long[] modes = new long[keep.length];
        for (int r = 0; r < keep.length; r++) {
            int b = keep[r];
            double c = s.count[b];
            k[r] = s.sumN[b] / c * kF(field);
            p0[r] = s.aa[b] / c * norm - shot;
            p2[r] = 5.0 * s.aa2[b] / c * norm;
            p4[r] = 9.0 * s.aa4[b] / c * norm;
            modes[r] = s.count[b];
        }
        return new PowerResult(meta, k, p0, p2, p4, modes);
    }

    /**
     * P(k) beyond the mesh's Nyquist frequency by folding (Jenkins et al. 1998, as GADGET-4): level
     * j = 0 … levels−1 paints the particles with positions modulo L/F^j on the N³ mesh, whose modes
     * are the full box's modes F^j·n' (window, aliasing and interlacing those of an (F^j·N)³ mesh
     * restricted to them), and P = F^{3j} P_folded. Level 0 gives the bins up to {@code switchFraction}
     * of its Nyquist frequency, level j the bins from there up to that fraction of its own, the last
     * level the rest of its range. Shot noise is the full box's L³/N_particles at every level.
     * Particles are streamed: one pass per grid painted.
     */
    public FoldedPower folded(ParticleStream particles, int n, Window window, double redshift, List<SourceFile> sources,
                              int fold, int levels, double switchFraction) {
        if (fold < 2 || levels < 2) {
            throw new ConfigException("folding needs a fold factor >= 2 and at least 2 levels, got " + fold + " and " + levels);
        }
        double box = particles.box().sizeMpcH();
        // Each level's bins as measured: no k range and no shot-noise subtraction (done on the whole).
        PowerSpectrum level = new PowerSpectrum(spec.withKRange(0, Double.POSITIVE_INFINITY).withSubtractShotNoise(false),
                fft, threads);
        PowerMeta meta = null;
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        double low = 0;
        double factor = 1;
        for (int j = 0; j < levels; j++) {
            FourierDensity f = level.paint(particles.folded((int) Math.round(factor)), n, window, redshift, sources);
            PowerResult r = level.auto(f);
            double scale3 = factor * factor * factor;
            double high = j == levels - 1 ? Double.POSITIVE_INFINITY : switchFraction * Math.PI * n * factor / box;
            for (int b = 0; b < r.size(); b++) {
                if (r.k()[b] > low && r.k()[b] <= high) {
                    rows.add(new double[] {r.k()[b], r.pk()[b] * scale3, r.nmodes()[b], r.p2()[b] * scale3, r.p4()[b] * scale3,
                            factor});
                }
            }
            if (j == 0) {
                PowerMeta m = r.meta();
                meta = new PowerMeta(m.boxMpcH(), m.gridSize(), m.window(), m.compensated(), m.interlaced(), m.redshift(),
                        m.particleCount(), m.shotNoiseMpcH3(), spec.subtractShotNoise(), m.binWidthKf(), m.losAxis(), m.sources());
            }
            low = high;
            factor *= fold;
        }
        double shot = spec.subtractShotNoise() ? meta.shotNoiseMpcH3() : 0.0;
        rows.removeIf(r -> r[0] < spec.kminHMpc() * (1 - 1e-12) || r[0] > spec.kmaxHMpc() * (1 + 1e-12));
        int m = rows.size();
        double[] k = new double[m];
        double[] p0 = new double[m];
        double[] p2 = new double[m];
        double[] p4 = new double[m];
        long[] modes = new long[m];
        long[] folds = new long[m];
        for (int i = 0; i < m; i++) {
            double[] r = rows.get(i);
            k[i] = r[0];
            p0[i] = r[1] - shot;
            modes[i] = (long) r[2];
            p2[i] = r[3];
            p4[i] = r[4];
            folds[i] = (long) r[5];
        }
        return new FoldedPower(new PowerResult(meta, k, p0, p2, p4, modes), fold, levels, switchFraction, folds);
    }

    /**
     * Heap bytes a power spectrum on an N³ mesh needs at its peak: {@code fields} half spectra of
     * N²(N/2+1) complex doubles kept, while the last is made a grid of N³ floats and, interlaced, a
     * second spectrum; plus a block of streamed particles and its sort.
     */
    public static long heapBytes(int n, int fields, boolean interlace) {
        long spectrum = (long) n * n * (n / 2 + 1) * 16;
        long grid = (long) n * n * n * 4;
        long block = 100L << 20;
        return spectrum * (fields + (interlace ? 1 : 0)) + grid + block;
    }

    /** Cross power of two scalar grids of the same shape (field 1 = prediction, field 2 = target). */
    public CrossPowerResult cross(Grid first, Grid second) {
        first.requireSameShape(second, "cross power");
        return cross(FourierDensity.of(first, fft), FourierDensity.of(second, fft));
    }

    /** Cross power of two Fourier fields on the same mesh and box. */
    public CrossPowerResult cross(FourierDensity first, FourierDensity second) {
        if (first.size() != second.size() || Math.abs(first.boxMpcH() - second.boxMpcH()) > 1e-9 * first.boxMpcH()) {
            throw new ShapeMismatchException("cross power: fields differ (" + first.size() + "^3 in " + first.boxMpcH()
                    + " Mpc/h vs " + second.size() + "^3 in " + second.boxMpcH() + " Mpc/h): paint both on one mesh");
        }
        PowerMeta m1 = PowerMeta.of(first, spec);
        PowerMeta m2 = PowerMeta.of(second, spec);
        ModeBinner.Sums s = ModeBinner.bin(first.spectrum(), window(first), second.spectrum(), window(second),
                spec.losAxis(), spec.binWidthKf(), threads);
        int[] keep = keptBins(s, first);
        double norm = norm(first);
        double shot1 = shotToSubtract(m1);
        double shot2 = shotToSubtract(m2);
        double[] k = new double[keep.length];
        double[] p1 = new double[keep.length];
        double[] p2 = new double[keep.length];
        double[] p12 = new double[keep.length];
        long[] modes = new long[keep.length];
        for (int r = 0; r < keep.length; r++) {
            int b = keep[r];
            double c = s.count[b];
            k[r] = s.sumN[b] / c * kF(first);
            p1[r] = s.aa[b] / c * norm - shot1;
            p2[r] = s.bb[b] / c * norm - shot2;
            p12[r] = s.ab[b] / c * norm;
            modes[r] = s.count[b];
        }
        return CrossPowerResult.of(m1, m2, k, p1, p2, p12, modes);
    }

    private Window window(FourierDensity f) {
        return spec.compensate() ? f.info().window() : null;
    }

    /** Non-empty bins whose mean k lies in the spec's range (the DC mode is in no bin). */
    private int[] keptBins(ModeBinner.Sums s, FourierDensity f) {
        double kF = kF(f);
        double kmax = spec.kmaxHMpc();
        if (spec.nyquistOnly()) {
            kmax = Math.min(kmax, Math.PI * f.size() / f.boxMpcH());
        }
        int[] keep = new int[s.bins()];
        int n = 0;
        for (int b = 0; b < s.bins(); b++) {
            if (s.count[b] == 0) {
                continue;
            }
            double k = s.sumN[b] / s.count[b] * kF;
            // A relative slack so that "up to k_Nyq" keeps a bin whose mean is k_Nyq up to rounding.
            if (k >= spec.kminHMpc() * (1 - 1e-12) && k <= kmax * (1 + 1e-12)) {
                keep[n++] = b;
            }
        }
        return Arrays.copyOf(keep, n);
    }

    private double shotToSubtract(PowerMeta meta) {
        if (!spec.subtractShotNoise()) {
            return 0.0;
        }
        if (!(meta.particleCount() > 0)) {
            throw new ConfigException("shot-noise subtraction needs a field painted from particles; this grid has no"
                    + " particle count: turn subtractShotNoise off");
        }
        return meta.shotNoiseMpcH3();
    }

    private static double kF(FourierDensity f) {
        return 2.0 * Math.PI / f.boxMpcH();
    }

    /** L³/N⁶: turns ⟨|δ_k|²⟩ of the unnormalised FFT into P(k) in (Mpc/h)³. */
    private static double norm(FourierDensity f) {
        double l = f.boxMpcH();
        double n3 = (double) f.size() * f.size() * f.size();
        return l * l * l / (n3 * n3);
    }
}
