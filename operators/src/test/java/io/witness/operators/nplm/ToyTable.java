package io.witness.operators.nplm;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * The §C.8.2 quantities of a set of toys, and the Monte Carlo tolerances they are compared with. The
 * spec's run used 100 null toys and 50 per signal, and gives s.e. ≈ 0.4 for the null median and ≈ 0.7
 * for the dof at 100 toys; ours scale those by √(100/n). Every comparison allows 3 combined standard
 * errors (ours and the spec's).
 */
final class ToyTable {

    static final int SPEC_NULL_TOYS = 100;
    static final int SPEC_SIGNAL_TOYS = 50;
    static final double SPEC_MEDIAN_SE = 0.4;
    static final double SPEC_DOF_SE = 0.7;

    private ToyTable() {
    }

    static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    static double sd(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    static double medianTolerance(int n) {
        return 3 * Math.sqrt(SPEC_MEDIAN_SE * SPEC_MEDIAN_SE * (1 + (double) SPEC_NULL_TOYS / n));
    }

    static double dofTolerance(int n) {
        return 3 * Math.sqrt(SPEC_DOF_SE * SPEC_DOF_SE * (1 + (double) SPEC_NULL_TOYS / n));
    }

    /** 3 s.e. of a difference of means, the spec's sample as large as {@code specN}. */
    static double meanTolerance(double sd, int n, int specN) {
        return 3 * sd * Math.sqrt(1.0 / n + 1.0 / specN);
    }

    /** 3 s.e. of a difference of medians (asymptotic 1.2533·sd/√n each). */
    static double signalMedianTolerance(double sd, int n) {
        return 3 * 1.2533 * sd * Math.sqrt(1.0 / n + 1.0 / SPEC_SIGNAL_TOYS);
    }

    /**
     * The range of our sorted sample where the spec's q-quantile may lie: ranks q ± 3 s.e. of the
     * difference of two empirical quantiles' coverage, √(q(1−q)(1/n + 1/specN)).
     */
    static double[] quantileRange(double[] sorted, double q, int specN) {
        int n = sorted.length;
        double half = 3 * Math.sqrt(q * (1 - q) * (1.0 / n + 1.0 / specN));
        int lo = Math.max(0, (int) Math.floor((q - half) * n) - 1);
        int hi = Math.min(n - 1, (int) Math.ceil((q + half) * n));
        return new double[] {sorted[lo], sorted[hi]};
    }

    /** Power at α: the fraction of t with {@code P(χ²_ν ≥ t) ≤ α}. */
    static double power(double[] t, double dof, double alpha) {
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(dof);
        int hit = 0;
        for (double x : t) {
            hit += chi2.survivalProbability(x) <= alpha ? 1 : 0;
        }
        return hit / (double) t.length;
    }

    /** Pooled two-proportion z of ours (n) against the spec's (specN). */
    static double proportionZ(double ours, int n, double spec, int specN) {
        double pooled = (ours * n + spec * specN) / (n + specN);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / specN));
        return se == 0 ? 0 : (ours - spec) / se;
    }

    /** {@code Z = Φ⁻¹(1 − P(χ²_ν ≥ t))}. */
    static double z(double t, double dof) {
        double p = ChiSquaredDistribution.of(dof).survivalProbability(t);
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(p);
    }
}
