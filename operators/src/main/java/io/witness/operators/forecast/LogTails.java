package io.witness.operators.forecast;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Tail probabilities in log space, for the surprise (−log10 p) of points whose p underflows a double:
 * 2·Φ̄(x) is 0.0 beyond x ≈ 38.5, so every larger deviation would tie at the same score.
 */
final class LogTails {

    private static final NormalDistribution STD = NormalDistribution.of(0, 1);
    private static final double LN10 = Math.log(10);
    /** Below this, log10 of the library's tail is exact to rounding; above, the asymptotic series is (< 10⁻⁹ relative). */
    private static final double ASYMPTOTIC_FROM = 30.0;
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogTails() {
    }

    /** log10 of P(|Z| > |x|) for a standard normal Z, for any finite x (0 at x = 0). */
    static double log10TwoSidedNormal(double x) {
        double a = Math.abs(x);
        if (a < ASYMPTOTIC_FROM) {
            return Math.min(0.0, Math.log10(2 * STD.survivalProbability(a)));
        }
        // Mills ratio: Φ̄(a) = φ(a)/a · (1 − 1/a² + 3/a⁴ − 15/a⁶ + …)
        double inv2 = 1 / (a * a);
        double series = 1 - inv2 * (1 - inv2 * (3 - 15 * inv2));
        return (Math.log(2) - 0.5 * a * a - Math.log(a) - HALF_LN_2PI + Math.log(series)) / LN10;
    }
}
