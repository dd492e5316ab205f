package io.witness.operators.nplm;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

import java.util.Arrays;

/**
 * The null distribution of NPLM's t for one configuration and reference (spec kernel-tests.md §C.5):
 * the sorted statistics of reference-vs-reference toys, the χ² dof fitted to them
 * ({@link ChiSquaredDofFit}), and which p-value to trust.
 *
 * <p><b>When the χ² fit is refused.</b> The fitted χ²_ν is accepted when the one-sample
 * Kolmogorov–Smirnov test of the toys against it (Commons Statistics, exact p-value) gives
 * {@code p_KS ≥ fitLevel} (default 0.05). Because ν was fitted on the same toys, this test is lenient
 * (it rejects less often than its nominal level, as a Lilliefors test would show); it catches shapes
 * no χ² describes (heavy right tails, point masses, negative bulk) — the case the spec warns about for
 * small reference ratios. Accepted: {@code p = P(χ²_ν ≥ t)}, which extrapolates beyond the toys.
 * Refused: the empirical {@code p = (1 + #{t_toy ≥ t}) / (1 + N_toy)} (§C.5 item 2), which can never go
 * below {@code 1/(1 + N_toy)}.
 *
 * <p>Immutable.
 */
public final class NplmNullCalibration {

    /** Default level of the KS goodness-of-fit check below which the χ² approximation is refused. */
    public static final double DEFAULT_FIT_LEVEL = 0.05;

    private final double[] toys;
    private final ChiSquaredDofFit fit;
    private final double ksPValue;
    private final boolean chiSquared;
    private final ChiSquaredDistribution chi2;

    private NplmNullCalibration(double[] sortedToys, ChiSquaredDofFit fit, double ksPValue, boolean chiSquared) {
        this.toys = sortedToys;
        this.fit = fit;
        this.ksPValue = ksPValue;
        this.chiSquared = chiSquared;
        this.chi2 = ChiSquaredDistribution.of(fit.dof());
    }

    /** Calibrates on the toy statistics (copied and sorted); at least 2 finite values. */
    public static NplmNullCalibration of(double[] toyStatistics, double fitLevel) {
        double[] sorted = toyStatistics.clone();
        for (double v : sorted) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("toy statistics must be finite");
            }
        }
        Arrays.sort(sorted);
        ChiSquaredDofFit fit = ChiSquaredDofFit.fit(sorted);
        ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(fit.dof());
        double ksP = KolmogorovSmirnovTest.withDefaults().test(sorted, chi2::cumulativeProbability).getPValue();
        return new NplmNullCalibration(sorted, fit, ksP, ksP >= fitLevel);
    }

    /**
     * Restores a calibration from its stored parts (no refit, so no floating-point drift across a
     * restore): sorted toys, ν, KS distance, KS p-value and the accept decision.
     */
    static NplmNullCalibration restored(double[] sortedToys, double dof, double ksDistance, double ksPValue,
                                        boolean chiSquared) {
        return new NplmNullCalibration(sortedToys, new ChiSquaredDofFit(dof, ksDistance), ksPValue, chiSquared);
    }

    /** The p-value of an observed t: χ² when accepted, empirical otherwise. */
    public double pValue(double t) {
        return chiSquared ? chiSquaredPValue(t) : empiricalPValue(t);
    }

    /** {@code P(χ²_ν ≥ t)}. */
    public double chiSquaredPValue(double t) {
        return chi2.survivalProbability(t);
    }

    /** {@code (1 + #{t_toy ≥ t}) / (1 + N_toy)}. */
    public double empiricalPValue(double t) {
        // first index with toys[i] >= t
        int lo = 0;
        int hi = toys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (toys[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (1.0 + (toys.length - lo)) / (1.0 + toys.length);
    }

    /**
     * The smallest t whose p-value is ≤ α: the χ²_ν (1−α) quantile, or for the empirical p-value the
     * smallest toy above which at most {@code ⌊α(1+N)⌋ − 1} toys lie (+∞ when even a t above every toy
     * has p &gt; α, i.e. with fewer than 1/α − 1 toys).
     */
    public double threshold(double alpha) {
        if (chiSquared) {
            return chi2.inverseSurvivalProbability(alpha);
        }
        int allowed = (int) Math.floor(alpha * (1.0 + toys.length) + 1e-12) - 1;
        if (allowed < 0) {
            return Double.POSITIVE_INFINITY;
        }
        // p(t) ≤ α ⇔ #{toys ≥ t} ≤ allowed ⇔ t > toys[n − allowed − 1]; the threshold is that toy's next double
        return Math.nextUp(toys[toys.length - allowed - 1]);
    }

    /** Whether the χ² approximation was accepted. */
    public boolean chiSquared() {
        return chiSquared;
    }

    /** "chi2" or "empirical". */
    public String method() {
        return chiSquared ? "chi2" : "empirical";
    }

    public double dof() {
        return fit.dof();
    }

    public double ksDistance() {
        return fit.ksDistance();
    }

    public double ksPValue() {
        return ksPValue;
    }

    public int toyCount() {
        return toys.length;
    }

    public double median() {
        return ChiSquaredDofFit.median(toys);
    }

    /** The sorted toy statistics (a copy). */
    public double[] toys() {
        return toys.clone();
    }

    double[] sortedToysUnsafe() {
        return toys;
    }
}
