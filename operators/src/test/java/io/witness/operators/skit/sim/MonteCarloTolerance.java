package io.witness.operators.skit.sim;

/**
 * The tolerances the Monte Carlo tests compare with, each stated once, here.
 *
 * <ul>
 * <li><b>Level</b> (Ville's bound, §A.1 point 1): the number of false alarms must not exceed the
 * upper {@value #LEVEL_TAIL} quantile of Binomial(runs, α) — "rate ≤ α plus Monte Carlo error",
 * computed exactly rather than by a normal approximation (rates here are near 0).</li>
 * <li><b>Rate vs the spec</b>: a pooled two-proportion z-score between our rate (our runs) and the
 * spec's rate (its runs); |z| ≤ {@value #Z} — both estimates carry Monte Carlo error. Near 0 that
 * normal approximation is weak, so a null row also gets an exact check: our false alarms must not
 * exceed the upper {@value #LEVEL_TAIL} quantile of Binomial(runs, p̄), p̄ = the spec's rate plus two of
 * its own standard errors ({@link #specRateUpper}).</li>
 * <li><b>Mean stopping time vs the spec</b>: {@value #Z} standard errors of the difference of two
 * means, the SD taken from our runs for both sides (the spec gives no SD), plus a model allowance of
 * 1 pair (counting conventions, §A.2.1) and {@value #MODEL_FRACTION} of the spec's mean (the reference
 * implementation differs in RNG, its loop ends one pair earlier, and for RFF in frequency draws).</li>
 * </ul>
 */
public final class MonteCarloTolerance {

    public static final double Z = 4.0;
    public static final double LEVEL_TAIL = 0.001;
    public static final double MODEL_FRACTION = 0.03;

    private MonteCarloTolerance() {
    }

    /** Smallest k with P(Binomial(n, p) > k) ≤ {@link #LEVEL_TAIL}. */
    public static int maxFalseAlarms(int n, double p) {
        double cdf = 0;
        for (int k = 0; k <= n; k++) {
            cdf += binomialPmf(n, k, p);
            if (1.0 - cdf <= LEVEL_TAIL) {
                return k;
            }
        }
        return n;
    }

    static double binomialPmf(int n, int k, double p) {
        double logC = logFactorial(n) - logFactorial(k) - logFactorial(n - k);
        return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    /** The spec's rate plus two binomial standard errors of the spec's own run count. */
    public static double specRateUpper(SpecRow spec) {
        double p = spec.rejectionRate();
        return p + 2.0 * Math.sqrt(p * (1 - p) / spec.runs());
    }

    /** Pooled two-proportion z-score of rate1 (n1 runs) against rate2 (n2 runs); 0 when both are 0 or 1. */
    public static double rateZ(double rate1, int n1, double rate2, int n2) {
        double pooled = (rate1 * n1 + rate2 * n2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double diff = rate1 - rate2;
        if (se == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return diff / se;
    }

    /** Allowed |our mean − spec mean| in pairs (see the class comment). */
    public static double meanStoppingTolerance(SimulationSummary ours, SpecRow spec) {
        double se = ours.sdStoppingPairs() * Math.sqrt(1.0 / ours.runs() + 1.0 / spec.runs());
        return Z * se + 1.0 + MODEL_FRACTION * spec.meanStoppingPairs();
    }
}
