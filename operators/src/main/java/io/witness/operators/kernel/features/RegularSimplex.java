package io.witness.operators.kernel.features;

/**
 * The d unit directions of SimRF (spec online-methods.md §E.1 step 1): a regular simplex centred at the
 * origin, {@code s_iᵀs_j = −1/(d−1)} for i ≠ j and {@code Σ s_i = 0}, built as
 * {@code s_i = (e_i − 𝟙/d) / √(1 − 1/d)}. Its orientation does not matter because the block is then
 * rotated by a Haar matrix. Needs d ≥ 2 (one direction cannot form a simplex).
 */
public final class RegularSimplex {

    /** Sweeps of the SimRF+ refinement; 5 as in the reference code ({@code get_simp_plus_features}). */
    public static final int PLUS_SWEEPS = 5;

    private RegularSimplex() {
    }

    /** The directions as the rows of a row-major {@code d × d} matrix. */
    public static double[] directions(int d) {
        if (d < 2) {
            throw new IllegalArgumentException("a regular simplex of d directions needs d ≥ 2, got " + d);
        }
        double norm = Math.sqrt(1.0 - 1.0 / d);
        double off = -1.0 / d / norm;
        double on = (1.0 - 1.0 / d) / norm;
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i * d + j] = i == j ? on : off;
            }
        }
        return s;
    }

    /**
     * SimRF+ (§E.1): given the norms ρ of one block, {@value #PLUS_SWEEPS} in-place (Gauss–Seidel)
     * sweeps of {@code s_i ← −normalise(Σ_{j≠i} ρ_j s_j)}, starting from {@code s}. Each step points
     * {@code s_i} away from the weighted sum of the others, which lowers {@code Σ_{i≠j} ρ_iρ_j s_iᵀs_j}
     * (the term the estimator's variance grows with). A zero resultant leaves {@code s_i} as it is.
     */
    public static void refineForNorms(double[] s, double[] rho, int d) {
        double[] resultant = new double[d];
        for (int sweep = 0; sweep < PLUS_SWEEPS; sweep++) {
            for (int i = 0; i < d; i++) {
                java.util.Arrays.fill(resultant, 0.0);
                for (int j = 0; j < d; j++) {
                    if (j == i) {
                        continue;
                    }
                    for (int k = 0; k < d; k++) {
                        resultant[k] += rho[j] * s[j * d + k];
                    }
                }
                double n2 = 0;
                for (double v : resultant) {
                    n2 += v * v;
                }
                if (n2 > 0) {
                    double inv = -1.0 / Math.sqrt(n2);
                    for (int k = 0; k < d; k++) {
                        s[i * d + k] = resultant[k] * inv;
                    }
                }
            }
        }
    }
}
