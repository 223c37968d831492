package org.loupe.mesh;

import org.loupe.Parallel;
import org.jtransforms.fft.DoubleFFT_1D;
import org.loupe.ShapeMismatchException;

/**
 * {@link Fft3d} built from JTransforms' 1-D double-precision transforms, one axis at a time.
 *
 * <p>Why not {@code DoubleFFT_3D}: its in-place {@code realForward} packs the 3-D half spectrum
 * in a layout its Javadoc describes wrongly, and {@code realForwardFull} needs 2·N³ doubles (2 GiB
 * at 512³). Composing 1-D transforms gives the explicit half-spectrum layout of
 * {@link Fft3d.Spectrum} directly, costs only that spectrum (≈ N³ doubles) plus small per-thread
 * buffers, and works for any N (JTransforms' 1-D plans handle any length).
 *
 * <p>Passes: along z, two real rows are packed into one complex transform (a + ib) and separated
 * by Hermitian symmetry; then complex transforms along y and along x. Work is split into fixed
 * lines, each computed the same way whatever thread runs it, so the output does not depend on
 * the thread count. Lines are short (N ≤ 1290), below JTransforms' own threading threshold, so its
 * global {@code ConcurrencyUtils} thread setting plays no part; threads come from {@link Parallel}.
 */
public final class JTransformsFft3d implements Fft3d {

    private final int threads;

    /** A transform that uses {@code threads} worker threads. */
    public JTransformsFft3d(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** A transform with {@link Parallel#defaultThreads()} workers. */
    public JTransformsFft3d() {
        this(Parallel.defaultThreads());
    }

    @Override
    public Spectrum forward(float[] real, int n) {
        Spectrum out = Spectrum.zeros(n);
        if (real.length != (long) n * n * n) {
            throw new ShapeMismatchException("FFT input holds " + real.length + " values, a " + n + "^3 grid needs "
                    + (long) n * n * n);
        }
        realRowsForward(real, out);
        complexLines(out, Axis.Y, true);
        complexLines(out, Axis.X, true);
        return out;
    }

    @Override
    public float[] inverse(Spectrum spectrum) {
        Spectrum work = spectrum.copy();
        complexLines(work, Axis.X, false);
        complexLines(work, Axis.Y, false);
        int n = spectrum.n();
        float[] out = new float[n * n * n];
        realRowsInverse(work, out);
        return out;
    }

    /** z pass, forward: rows r and r+1 go through one complex FFT as a + ib. */
    private void realRowsForward(float[] real, Spectrum out) {
        int n = out.n();
        int h = out.halfZ();
        int rows = n * n;
        int pairs = (rows + 1) / 2;
        double[] data = out.data();
        forChunks(pairs, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] buf = new double[2 * n];
            for (int p = from; p < to; p++) {
                int ra = 2 * p;
                int rb = ra + 1;
                boolean hasB = rb < rows;
                for (int k = 0; k < n; k++) {
                    buf[2 * k] = real[ra * n + k];
                    buf[2 * k + 1] = hasB ? real[rb * n + k] : 0.0;
                }
                fft.complexForward(buf);
                int oa = ra * h * 2;
                int ob = rb * h * 2;
                for (int k = 0; k < h; k++) {
                    int m = k == 0 ? 0 : n - k;
                    double zr = buf[2 * k];
                    double zi = buf[2 * k + 1];
                    double mr = buf[2 * m];
                    double mi = buf[2 * m + 1];
                    // A_k = (Z_k + conj Z_{-k})/2, B_k = (Z_k − conj Z_{-k})/(2i)
                    data[oa + 2 * k] = 0.5 * (zr + mr);
                    data[oa + 2 * k + 1] = 0.5 * (zi - mi);
                    if (hasB) {
                        data[ob + 2 * k] = 0.5 * (zi + mi);
                        data[ob + 2 * k + 1] = 0.5 * (mr - zr);
                    }
                }
            }
        });
    }

    /** z pass, inverse: the Hermitian rows A and B are combined into Z = A + iB, one complex FFT. */
    private void realRowsInverse(Spectrum in, float[] out) {
        int n = in.n();
        int h = in.halfZ();
        int rows = n * n;
        int pairs = (rows + 1) / 2;
        double[] data = in.data();
        double scale = 1.0 / ((double) n * n * n);
        // Last stored index that has a distinct partner (N/2 for even N is its own partner).
        int selfNyquist = n % 2 == 0 ? n / 2 : -1;
        forChunks(pairs, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] buf = new double[2 * n];
            for (int p = from; p < to; p++) {
                int ra = 2 * p;
                int rb = ra + 1;
                boolean hasB = rb < rows;
                int oa = ra * h * 2;
                int ob = rb * h * 2;
                for (int k = 0; k < h; k++) {
                    double ar = data[oa + 2 * k];
                    double ai = (k == 0 || k == selfNyquist) ? 0.0 : data[oa + 2 * k + 1];
                    double br = hasB ? data[ob + 2 * k] : 0.0;
                    double bi = (!hasB || k == 0 || k == selfNyquist) ? 0.0 : data[ob + 2 * k + 1];
                    buf[2 * k] = ar - bi;
                    buf[2 * k + 1] = ai + br;
                    if (k > 0 && k != selfNyquist) {
                        // Z_{-k} = conj(A_k) + i conj(B_k)
                        int m = n - k;
                        buf[2 * m] = ar + bi;
                        buf[2 * m + 1] = br - ai;
                    }
                }
                fft.complexInverse(buf, false);
                for (int k = 0; k < n; k++) {
                    out[ra * n + k] = (float) (buf[2 * k] * scale);
                    if (hasB) {
                        out[rb * n + k] = (float) (buf[2 * k + 1] * scale);
                    }
                }
            }
        });
    }

    /** The two complex passes; a line runs along {@code axis} at fixed other index and fixed n_z. */
    private enum Axis { X, Y }

    /**
     * Complex FFTs of every line along {@code axis}. For one outer index (x for a y pass, y for an
     * x pass) all ⌊N/2⌋+1 lines are gathered into one block first, so the strided reads walk
     * contiguous n_z runs instead of jumping a whole plane per element.
     */
    private void complexLines(Spectrum s, Axis axis, boolean forward) {
        int n = s.n();
        int h = s.halfZ();
        double[] data = s.data();
        int planeStride = n * h * 2;
        int rowStride = h * 2;
        forChunks(n, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] block = new double[h * 2 * n];
            for (int o = from; o < to; o++) {
                int base = axis == Axis.Y ? o * planeStride : o * rowStride;
                int stride = axis == Axis.Y ? rowStride : planeStride;
                for (int e = 0; e < n; e++) {
                    int src = base + e * stride;
                    for (int kz = 0; kz < h; kz++) {
                        block[kz * 2 * n + 2 * e] = data[src + 2 * kz];
                        block[kz * 2 * n + 2 * e + 1] = data[src + 2 * kz + 1];
                    }
                }
                for (int kz = 0; kz < h; kz++) {
                    if (forward) {
                        fft.complexForward(block, kz * 2 * n);
                    } else {
                        fft.complexInverse(block, kz * 2 * n, false);
                    }
                }
                for (int e = 0; e < n; e++) {
                    int dst = base + e * stride;
                    for (int kz = 0; kz < h; kz++) {
                        data[dst + 2 * kz] = block[kz * 2 * n + 2 * e];
                        data[dst + 2 * kz + 1] = block[kz * 2 * n + 2 * e + 1];
                    }
                }
            }
        });
    }

    /** Work on [from, to) ranges of the same item list, one range per task. */
    private interface RangeTask {
        void run(int from, int to);
    }

    /** Splits {@code count} items into contiguous ranges, one per thread (each with its own plan). */
    private void forChunks(int count, RangeTask task) {
        int chunks = Math.max(1, Math.min(threads, count));
        Parallel.forEach(chunks, chunks, c -> {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            task.run(from, to);
        });
    }
}
