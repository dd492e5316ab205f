package io.witness.operators.hawkes;

/**
 * The discretised ℓ2 contrast of FaDIn and its gradients, from the sufficient statistics (spec §A.4):
 * <pre>
 * N_T·𝓛 = T' Σ_i μ_i² + 2Δ Σ_ij μ_i α_ij A_ij + Δ Σ_i Σ_jk α_ij α_ik Q_ijk − 2 Σ_i μ_i N_i − 2 Σ_ij α_ij B_ij
 * ∂𝓛/∂μ_i   = (2/N_T) [T' μ_i + Δ Σ_j α_ij A_ij − N_i]
 * ∂𝓛/∂α_ij  = (2/N_T) [Δ μ_i A_ij + Δ Σ_k α_ik Q_ijk − B_ij]
 * ∂𝓛/∂η_ij  = (2/N_T) α_ij [Δ μ_i A'_ij + Δ Σ_k α_ik Q'_ijk − B'_ij]
 * </pre>
 * with {@code T' = (G+1)Δ} (the reference code uses T; the difference moves only ∂μ, §F.3). The cost
 * does not depend on the number of events. Stateless helper around reusable scratch.
 */
public final class FadinLoss {
    private final DiscreteKernels kernels;
    private final FadinTerms terms;

    public FadinLoss(KernelFamily family, HawkesGrid grid) {
        this.kernels = new DiscreteKernels(family, grid, 0);
        this.terms = new FadinTerms(grid.support(), family.shape().parameterCount());
    }

    public DiscreteKernels kernels() {
        return kernels;
    }

    public FadinTerms terms() {
        return terms;
    }

    /** Evaluates kernels and terms at {@code θ.eta} (with the shape derivatives when asked). */
    public void prepare(HawkesParameters theta, FadinStatistics st, boolean withGradient) {
        kernels.evaluate(theta.dimension(), theta.eta(), withGradient);
        terms.compute(st, kernels, withGradient);
    }

    /** The loss at θ (kernels and terms prepared). */
    public double value(HawkesParameters theta, FadinStatistics st) {
        int p = theta.dimension();
        double[] mu = theta.mu();
        double[] al = theta.alpha();
        double delta = st.delta();
        double total = 0;
        for (int i = 0; i < p; i++) {
            double s = st.tPrime() * mu[i] * mu[i] - 2 * mu[i] * st.count(i);
            for (int j = 0; j < p; j++) {
                double aij = al[i * p + j];
                s += 2 * delta * mu[i] * aij * terms.a(i, j) - 2 * aij * terms.b(i, j);
                double qs = 0;
                for (int kk = 0; kk < p; kk++) {
                    qs += al[i * p + kk] * terms.q(i, j, kk);
                }
                s += delta * aij * qs;
            }
            total += s;
        }
        return total / st.totalCount();
    }

    /**
     * Gradients at θ (kernels and terms prepared with derivatives): {@code gMu[p]}, {@code gAlpha[p²]},
     * {@code gEta[p²K]} (any may be null).
     */
    public void gradient(HawkesParameters theta, FadinStatistics st, double[] gMu, double[] gAlpha, double[] gEta) {
        int p = theta.dimension();
        int k = kernels.parameterCount();
        double[] mu = theta.mu();
        double[] al = theta.alpha();
        double delta = st.delta();
        double f = 2 / st.totalCount();
        for (int i = 0; i < p; i++) {
            if (gMu != null) {
                double s = st.tPrime() * mu[i] - st.count(i);
                for (int j = 0; j < p; j++) {
                    s += delta * al[i * p + j] * terms.a(i, j);
                }
                gMu[i] = f * s;
            }
            for (int j = 0; j < p; j++) {
                int ij = i * p + j;
                if (gAlpha != null) {
                    double qs = 0;
                    for (int kk = 0; kk < p; kk++) {
                        qs += al[i * p + kk] * terms.q(i, j, kk);
                    }
                    gAlpha[ij] = f * (delta * mu[i] * terms.a(i, j) + delta * qs - terms.b(i, j));
                }
                if (gEta != null) {
                    for (int e = 0; e < k; e++) {
                        double qs = 0;
                        for (int kk = 0; kk < p; kk++) {
                            qs += al[i * p + kk] * terms.dq[(ij * p + kk) * k + e];
                        }
                        gEta[ij * k + e] = f * al[ij] * (delta * mu[i] * terms.da[ij * k + e] + delta * qs
                                - terms.db[ij * k + e]);
                    }
                }
            }
        }
    }
}
