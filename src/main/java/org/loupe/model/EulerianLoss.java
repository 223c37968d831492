package org.loupe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * D(output − target) = base + λ_div·(∇·e)² + λ_ρ·(ρ_out − ρ_target)², with base the per-element
 * MSE or L1 (as DL4J's own losses: mean over channels, summed over voxels), e = output − target,
 * and two Eulerian terms. The first is the squared divergence of the displacement error per HR
 * site (central differences in lattice units). The second paints the displaced particles of the
 * output and of the target with CIC on the tile's own grid ({@link TileCic}, one particle per
 * cell on average) and compares the densities cell by cell: the density the SR particles
 * actually make, with its exact adjoint as gradient. A third, λ_P·m, compares the shell-averaged
 * power of those two densities ({@link org.loupe.mesh.TileSpectrum}), asking for the right
 * amount of small-scale structure rather than its conditional mean.
 *
 * <p>The generator's adversarial step adds the critic's gradient through
 * {@link #setExtraGradient}: DL4J M2.1 has no way to inject an external error into a
 * ComputationGraph with a loss layer, so the loss adds it to its own gradient once.
 *
 * <p>Why a divergence: to first order the density of the displaced particles is δ = −∇·Ψ, so
 * (∇·e)² penalises errors in the density the particles make, which a pure displacement MSE
 * under-weights (MSE-trained generators get P(k) of the density wrong, BENCHMARKS.md). It is
 * a smooth, linear surrogate of painting the particles, with an exact hand-written gradient
 * (−2λ times the gradient of ∇·e, the adjoint of the divergence), so no differentiable CIC is
 * needed inside DL4J. Only interior sites (both neighbours inside the tile) carry the term.
 *
 * <p>DL4J's CNN3D loss layer hands losses 2-D arrays [N·D·H·W, C] (rows in NDHWC order); the tile
 * side is stored here to restore the geometry.
 */
public class EulerianLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty
    public int side;
    @JsonProperty
    public double weight;
    @JsonProperty
    public boolean l1;
    /** λ_ρ of the CIC density term (0 = off). */
    @JsonProperty
    public double densityWeight;
    /** Lattice cells per unit of the (normalised) displacement channels, for painting. */
    @JsonProperty
    public double cellsPerUnit;
    /** λ_P of the spectral term: mean over shells of (ln P_out − ln P_target)² of the tiles' CIC densities. */
    @JsonProperty
    public double spectralWeight;
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient org.loupe.mesh.TileSpectrum spectrum;
    /** dL_adv/d(output), [rows, C], added to the next gradient only; never saved. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient INDArray extraGradient;

    /** For Jackson (model files store the loss). */
    public EulerianLoss() {
    }

    public EulerianLoss(int side, double weight, boolean l1) {
        this(side, weight, l1, 0, 0);
    }

    /**
     * @param side output tile side o
     * @param weight λ_div
     * @param l1 L1 instead of MSE for the base term
     * @param densityWeight λ_ρ
     * @param cellsPerUnit lattice cells per unit of the displacement channels
     */
    public EulerianLoss(int side, double weight, boolean l1, double densityWeight, double cellsPerUnit) {
        this(side, weight, l1, densityWeight, 0, cellsPerUnit);
    }

    /** As above, with λ_P of the spectral term ({@link org.loupe.mesh.TileSpectrum}). */
    public EulerianLoss(int side, double weight, boolean l1, double densityWeight, double spectralWeight,
                        double cellsPerUnit) {
        this.spectralWeight = spectralWeight;
        this.side = side;
        this.weight = weight;
        this.l1 = l1;
        this.densityWeight = densityWeight;
        this.cellsPerUnit = cellsPerUnit;
    }

    /** Adds {@code g} ([rows, C], NDHWC row order) to the next computed gradient, then forgets it. */
    public void setExtraGradient(INDArray g) {
        this.extraGradient = g;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray s = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = s.sumNumber().doubleValue();
        return average ? score / s.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] e = error(labels, preOutput, activationFn);
        int c = (int) labels.size(1);
        int rows = (int) labels.size(0);
        double[] div = divergence(e, rows, c);
        double[] painted = paintedTerms(labels, preOutput, activationFn, rows, c, null);
        double[] score = new double[rows];
        for (int r = 0; r < rows; r++) {
            double base = 0;
            for (int k = 0; k < c; k++) {
                double v = e[r * c + k];
                base += l1 ? Math.abs(v) : v * v;
            }
            score[r] = base / c + weight * div[r] * div[r] + painted[r];
        }
        return Nd4j.create(score, new long[] {rows, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] e = error(labels, preOutput, activationFn);
        int c = (int) labels.size(1);
        int rows = (int) labels.size(0);
        double[] div = divergence(e, rows, c);
        double[] grad = new double[rows * c];
        int o = side;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < c; k++) {
                double v = e[r * c + k];
                grad[r * c + k] = l1 ? Math.signum(v) / c : 2 * v / c;
            }
        }
        if (weight != 0) {
            int[] stride = {o * o, o, 1};
            for (int r = 0; r < rows; r++) {
                int local = r % (o * o * o);
                int[] x = {local / (o * o), (local / o) % o, local % o};
                for (int a = 0; a < 3 && a < c; a++) {
                    // d/de_a(y) of Σ_x λ div(x)² with div(x) ∋ (e_a(x+1) − e_a(x−1))/2:
                    // λ·(div(y − 1_a) − div(y + 1_a)).
                    double g = 0;
                    if (x[a] - 1 >= 0) {
                        g += div[r - stride[a]];
                    }
                    if (x[a] + 1 < o) {
                        g -= div[r + stride[a]];
                    }
                    grad[r * c + a] += weight * g;
                }
            }
        }
        paintedTerms(labels, preOutput, activationFn, rows, c, grad);
        if (extraGradient != null) {
            double[] extra = extraGradient.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            if (extra.length != grad.length) {
                throw new IllegalStateException("adversarial gradient has " + extra.length + " values, loss " + grad.length);
            }
            for (int i = 0; i < grad.length; i++) {
                grad[i] += extra[i];
            }
            extraGradient = null;
        }
        INDArray dLdOut = Nd4j.create(grad, new long[] {rows, c}, 'c').castTo(preOutput.dataType());
        return activationFn.backprop(preOutput.dup(), dLdOut).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "EulerianLoss(" + (l1 ? "L1" : "MSE") + " + " + weight + " div^2 + " + densityWeight + " CIC density^2 + " + spectralWeight + " spectral)";
    }

    /** output − labels as a flat [rows, C] array (double: the sums run over many voxels). */
    private static double[] error(INDArray labels, INDArray preOutput, IActivation activationFn) {
        INDArray out = activationFn.getActivation(preOutput.dup(), false);
        return out.castTo(DataType.DOUBLE).sub(labels.castTo(DataType.DOUBLE)).dup('c').data().asDouble();
    }

    private static double[] output(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * The terms that paint the particles (CIC density, spectral): per row, λ_ρ·(ρ_out − ρ_target)²
     * of its cell plus λ_P·m/1 of its tile spread evenly over the tile's rows (so the tile sums
     * to λ_P·o³·m, on the footing of the per-element losses). Adds their gradient to {@code grad}
     * when it is not null. Zeros when both are off.
     */
    private double[] paintedTerms(INDArray labels, INDArray preOutput, IActivation activationFn, int rows, int c,
                                  double[] grad) {
        double[] score = new double[rows];
        if ((densityWeight == 0 && spectralWeight == 0) || c < 3) {
            return score;
        }
        double[] out = output(preOutput, activationFn);
        double[] tgt = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int cells = side * side * side;
        double[] a = new double[cells];
        double[] b = new double[cells];
        double[] dLdRho = new double[cells];
        for (int first = 0; first + cells <= rows; first += cells) {
            org.loupe.mesh.TileCic.paint(out, first, c, side, cellsPerUnit, a);
            org.loupe.mesh.TileCic.paint(tgt, first, c, side, cellsPerUnit, b);
            java.util.Arrays.fill(dLdRho, 0);
            for (int i = 0; i < cells; i++) {
                double d = a[i] - b[i];
                score[first + i] = densityWeight * d * d;
                dLdRho[i] = 2 * densityWeight * d;
            }
            if (spectralWeight != 0) {
                double m = spectrum().mismatch(a, b, grad == null ? null : dLdRho, spectralWeight * cells);
                for (int i = 0; i < cells; i++) {
                    score[first + i] += spectralWeight * m;
                }
            }
            if (grad != null) {
                org.loupe.mesh.TileCic.adjoint(out, first, c, side, cellsPerUnit, dLdRho, grad);
            }
        }
        return score;
    }

    private org.loupe.mesh.TileSpectrum spectrum() {
        if (spectrum == null) {
            spectrum = new org.loupe.mesh.TileSpectrum(side, new org.loupe.mesh.JTransformsFft3d(1));
        }
        return spectrum;
    }

    /** (∇·e) at interior sites (0 elsewhere), one value per row. */
    private double[] divergence(double[] e, int rows, int c) {
        int o = side;
        double[] div = new double[rows];
        if (weight == 0 || c < 3) {
            return div;
        }
        int[] stride = {o * o, o, 1};
        for (int r = 0; r < rows; r++) {
            int local = r % (o * o * o);
            int[] x = {local / (o * o), (local / o) % o, local % o};
            if (x[0] < 1 || x[1] < 1 || x[2] < 1 || x[0] > o - 2 || x[1] > o - 2 || x[2] > o - 2) {
                continue;
            }
            double d = 0;
            for (int a = 0; a < 3; a++) {
                d += 0.5 * (e[(r + stride[a]) * c + a] - e[(r - stride[a]) * c + a]);
            }
            div[r] = d;
        }
        return div;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EulerianLoss l && l.side == side && l.weight == weight && l.l1 == l1
                && l.densityWeight == densityWeight && l.cellsPerUnit == cellsPerUnit && l.spectralWeight == spectralWeight;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(side, weight, l1, densityWeight, cellsPerUnit, spectralWeight);
    }
}
