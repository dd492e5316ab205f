package io.witness.operators.hawkes.sim;

/**
 * A multivariate Hawkes process for simulation: baselines {@code mu[i]}, branching matrix
 * {@code gamma[i][j]} (expected number of type-i children of one type-j event) and normalised delay
 * densities {@code kernels[i][j]}. Intensity {@code λ_i(t) = μ_i + Σ_j Γ_ij Σ_{t_n^j < t} f_ij(t − t_n^j)}.
 */
public record SimulatedProcess(double[] mu, double[][] gamma, SimKernel[][] kernels) {

    public int dimension() {
        return mu.length;
    }

    /** Stationary mean rates (I − Γ)⁻¹ μ, by fixed-point iteration (ρ(Γ) < 1). */
    public double[] stationaryRates() {
        int p = mu.length;
        double[] lam = mu.clone();
        for (int it = 0; it < 10_000; it++) {
            double[] next = mu.clone();
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    next[i] += gamma[i][j] * lam[j];
                }
            }
            lam = next;
        }
        return lam;
    }

    /** The same kernel family and parameters for every pair. */
    public static SimKernel[][] uniform(int p, SimKernel k) {
        SimKernel[][] ks = new SimKernel[p][p];
        for (SimKernel[] row : ks) {
            java.util.Arrays.fill(row, k);
        }
        return ks;
    }
}
