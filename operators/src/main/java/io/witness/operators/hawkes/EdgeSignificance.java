package io.witness.operators.hawkes;

/**
 * How clearly the data show excitation {@code j → i}, from the sufficient statistics alone (O(p²·L)):
 * the kernel-weighted count of "j, then i τ bins later" pairs, {@code B_ij = Σ_τ φ_ij[τ] Φ^{(i)}_j[τ]},
 * against its expectation if type-i events ignored type-j events and came at their average rate,
 * {@code E_ij = Σ_τ φ_ij[τ] Φ_j[τ] · Δ·N_i/T'}, as a Poisson z-score
 * {@code z = (B − E) / √(Σ_τ φ_ij[τ]² Φ_j[τ] · Δ·N_i/T')}. A screening statistic, not an exact test:
 * clustering of type i (self-excitation) inflates the variance, so the monitor asks for a large z
 * ({@code edge-z}, default 4) before it reports a new edge — which removes most edges fitted to noise in
 * short records, where α alone is unreliable.
 */
final class EdgeSignificance {
    private EdgeSignificance() {
    }

    /** z-scores {@code z[i·p + j]} for the kernels evaluated in {@code kernels} (p × p). */
    static double[] zScores(FadinStatistics st, DiscreteKernels kernels) {
        int p = st.dimension();
        int l = st.support();
        double[] z = new double[p * p];
        double tPrime = st.tPrime();
        for (int i = 0; i < p; i++) {
            double rate = st.delta() * st.count(i) / tPrime;   // expected type-i events per bin
            for (int j = 0; j < p; j++) {
                double observed = 0;
                double expected = 0;
                double variance = 0;
                for (int tau = 1; tau <= l; tau++) {
                    double f = kernels.phi(i, j, tau);
                    double base = st.phiCount(j, tau) * rate;
                    observed += f * st.laggedCross(i, j, tau);
                    expected += f * base;
                    variance += f * f * base;
                }
                z[i * p + j] = variance > 0 ? (observed - expected) / Math.sqrt(variance) : 0.0;
            }
        }
        return z;
    }
}
