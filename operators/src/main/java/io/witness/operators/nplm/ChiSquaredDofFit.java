package io.witness.operators.nplm;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The χ² degrees-of-freedom fit of spec kernel-tests.md §C.5 ({@code FLKutils.return_best_chi2dof}):
 * ν on the grid {@code median(t_toy) − 10, …, median(t_toy) + 10}, step 0.1, ν &gt; 0, minimising the
 * Kolmogorov–Smirnov distance between the toys' empirical CDF and the CDF of χ²_ν.
 *
 * @param dof        the chosen ν
 * @param ksDistance the KS distance {@code sup_x |F_toys(x) − F_ν(x)|} at that ν
 */
public record ChiSquaredDofFit(double dof, double ksDistance) {

    /** Half-width of the grid around the median, and its step (§C.5). */
    static final double HALF_WIDTH = 10.0;
    static final double STEP = 0.1;

    /** Fits ν to {@code sorted} (ascending; at least 2 values). */
    public static ChiSquaredDofFit fit(double[] sorted) {
        if (sorted.length < 2) {
            throw new IllegalArgumentException("need at least 2 toys, got " + sorted.length);
        }
        double median = median(sorted);
        int steps = (int) Math.round(HALF_WIDTH / STEP);
        double bestNu = Double.NaN;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = -steps; k <= steps; k++) {
            // grid points as median + k·0.1, computed from k so that no rounding accumulates
            double nu = median + k * STEP;
            if (!(nu > 0)) {
                continue;
            }
            double dist = ksDistance(sorted, nu);
            if (dist < bestD) {
                bestD = dist;
                bestNu = nu;
            }
        }
        if (Double.isNaN(bestNu)) {
            // every grid point ≤ 0 (median ≤ −10: the toys are not χ²-like at all); smallest positive ν
            bestNu = STEP;
            bestD = ksDistance(sorted, bestNu);
        }
        return new ChiSquaredDofFit(bestNu, bestD);
    }

    /** {@code max_i max(i/n − F(t_(i)), F(t_(i)) − (i−1)/n)} for the sorted sample. */
    static double ksDistance(double[] sorted, double nu) {
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(nu);
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = chi2.cumulativeProbability(sorted[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /** numpy's median of a sorted array. */
    static double median(double[] sorted) {
        int n = sorted.length;
        int h = n / 2;
        return n % 2 == 1 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
    }
}
