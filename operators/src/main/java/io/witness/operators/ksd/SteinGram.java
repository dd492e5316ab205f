package io.witness.operators.ksd;

/**
 * The O(n² d) part of every KSD test: the Stein-kernel Gram matrix {@code H_ij = h_p(x_i, x_j)} of a
 * window (spec §B.3), with the per-coordinate split of its off-diagonal sum (for explanations). Kept in
 * one small class so it can move onto a {@code ComputeBackend} later; at window sizes of a few hundred
 * plain loops are fine. Scores are passed in, computed once per point (§B.6 item 5).
 */
public final class SteinGram {

    private SteinGram() {
    }

    /**
     * @param x                row-major n×d points
     * @param s                row-major n×d scores {@code ∇ log p(x_i)}
     * @param coordinateTotals if not null (length d), receives {@code Σ_{i≠j}} of each coordinate's term
     * @return the symmetric n×n matrix, row-major
     */
    public static double[] matrix(double[] x, double[] s, int n, int d, SteinKernel k, double[] coordinateTotals) {
        double[] h = new double[n * n];
        double[] p = new double[3];
        double[] delta = new double[d];
        if (coordinateTotals != null) {
            java.util.Arrays.fill(coordinateTotals, 0.0);
        }
        for (int i = 0; i < n; i++) {
            int io = i * d;
            for (int j = i; j < n; j++) {
                int jo = j * d;
                double r2 = 0;
                double ss = 0;
                double sd = 0;
                for (int a = 0; a < d; a++) {
                    double dl = x[io + a] - x[jo + a];
                    delta[a] = dl;
                    r2 += dl * dl;
                    ss += s[io + a] * s[jo + a];
                    sd += (s[io + a] - s[jo + a]) * dl;
                }
                k.profile(r2, p);
                double v = p[0] * ss - 2 * p[1] * sd - 2 * d * p[1] - 4 * r2 * p[2];
                h[i * n + j] = v;
                h[j * n + i] = v;
                if (coordinateTotals != null && i != j) {
                    for (int a = 0; a < d; a++) {
                        double term = p[0] * s[io + a] * s[jo + a] - 2 * p[1] * (s[io + a] - s[jo + a]) * delta[a]
                                - 2 * p[1] - 4 * delta[a] * delta[a] * p[2];
                        coordinateTotals[a] += 2 * term;
                    }
                }
            }
        }
        return h;
    }
}
