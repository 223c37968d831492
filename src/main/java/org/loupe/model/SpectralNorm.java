package org.loupe.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral normalisation of one weight array after an update (Miyato et al. 2018, as a
 * projection): viewed as a matrix [shape[0], rest] (DL4J's convolution weights are
 * [nOut, nIn, k, k, k], dense weights [nIn, nOut]; σ is the same for a matrix and its transpose),
 * its largest singular value σ is found by power iteration and the weights are divided by σ when
 * σ > 1. The iteration starts from the same vector every time, so training stays a function of
 * the seed and the step (resume == uninterrupted) without storing singular vectors.
 */
final class SpectralNorm {

    /** Power iterations: the critic's matrices are at most a few hundred wide, so this is cheap and converged. */
    private static final int ITERATIONS = 30;

    private SpectralNorm() {
    }

    /** Divides {@code w} (in place) by its largest singular value when that exceeds 1; returns σ before. */
    static double limit(INDArray w) {
        double[] a = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int rows = (int) w.size(0);
        int cols = a.length / rows;
        double sigma = largestSingularValue(a, rows, cols);
        if (sigma > 1) {
            for (int i = 0; i < a.length; i++) {
                a[i] /= sigma;
            }
            w.assign(Nd4j.create(a, w.shape(), 'c').castTo(w.dataType()));
        }
        return sigma;
    }

    /** σ_max of the row-major rows × cols matrix {@code a}. */
    static double largestSingularValue(double[] a, int rows, int cols) {
        double[] v = new double[cols];
        java.util.Arrays.fill(v, 1 / Math.sqrt(cols));
        double[] u = new double[rows];
        double sigma = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += a[r * cols + c] * v[c];
                }
                u[r] = s;
            }
            double nu = norm(u);
            if (nu == 0) {
                return 0;
            }
            for (int r = 0; r < rows; r++) {
                u[r] /= nu;
            }
            java.util.Arrays.fill(v, 0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v[c] += a[r * cols + c] * u[r];
                }
            }
            sigma = norm(v);   // = |Aᵀu| → σ_max
            if (sigma == 0) {
                return 0;
            }
            for (int c = 0; c < cols; c++) {
                v[c] /= sigma;
            }
        }
        return sigma;
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double e : x) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
