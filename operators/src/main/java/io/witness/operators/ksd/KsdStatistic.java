package io.witness.operators.ksd;

/** Which KSD estimate a test reports (spec §B.3). */
public enum KsdStatistic {
    /** {@code Û = Σ_{i≠j} H_ij / (n(n−1))} (Liu et al.): unbiased, can be negative. */
    U,
    /** {@code n·V = Σ_{i,j} H_ij / n} (Chwialkowski et al.'s test statistic). */
    V;

    /** The statistic of a Gram matrix. */
    public double of(double[] h, int n) {
        double all = 0;
        double diag = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                all += h[row + j];
            }
            diag += h[row + i];
        }
        return this == U ? (all - diag) / ((double) n * (n - 1)) : all / n;
    }
}
