package org.loupe.model.loss;

/**
 * {@code divergence}: λ × (∇·e)² per interior HR site, e = output − target in the displacement
 * channels, central differences in lattice units.
 *
 * <p>Why: to first order the density of the displaced particles is δ = −∇·Ψ, so the term
 * penalises errors in the density the particles make, which a displacement MSE under-weights,
 * with a smooth, linear, exactly differentiable surrogate of painting. Only sites with both
 * neighbours inside the tile carry it.
 */
public record Divergence(double weight) implements LossTerm {

    @Override
    public String name() {
        return "divergence";
    }

    @Override
    public void accumulate(LossBatch b, double[] score, double[] grad) {
        int c = b.channels();
        if (c < 3) {
            return;
        }
        int o = b.side();
        int rows = b.rows();
        int[] stride = {o * o, o, 1};
        double[] div = new double[rows];
        for (int r = 0; r < rows; r++) {
            int local = r % (o * o * o);
            int[] x = {local / (o * o), (local / o) % o, local % o};
            if (x[0] < 1 || x[1] < 1 || x[2] < 1 || x[0] > o - 2 || x[1] > o - 2 || x[2] > o - 2) {
                continue;
            }
            double d = 0;
            for (int a = 0; a < 3; a++) {
                d += 0.5 * (b.error((r + stride[a]) * c + a) - b.error((r - stride[a]) * c + a));
            }
            div[r] = d;
            score[r] += weight * d * d;
        }
        if (grad == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int local = r % (o * o * o);
            int[] x = {local / (o * o), (local / o) % o, local % o};
            for (int a = 0; a < 3; a++) {
                // d/de_a(y) of Σ_x λ div(x)², div(x) ∋ (e_a(x+1) − e_a(x−1))/2: λ(div(y − 1_a) − div(y + 1_a)).
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
}
