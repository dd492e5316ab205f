package io.witness.operators.ksd;

import java.util.SplittableRandom;

/**
 * Bootstrap calibration of the degenerate KSD statistics (spec §B.3); every p-value uses the
 * {@code (1 + #{T* ≥ T}) / (B + 1)} convention, which is never 0.
 * <ul>
 * <li><b>Multinomial</b> (Efron, for Û): {@code w = M/n − 1/n}, {@code M ~ Multinomial(n; 1/n…)},
 * {@code U* = Σ_{i≠j} w_i w_j H_ij} (the pKSD code's scaling).</li>
 * <li><b>Wild</b>: signs {@code W ∈ {±1}^n}, i.i.d. Rademacher, or — for dependent samples — the
 * Markov sign-flip process {@code W_i = −W_{i−1}} with probability {@code a}, else {@code W_{i−1}}
 * (Chwialkowski et al.). For n·V: {@code B* = Σ_{i,j} W_i W_j H_ij / n}; for Û:
 * {@code U* = Σ_{i≠j} W_i W_j H_ij / (n(n−1))}.</li>
 * </ul>
 * Each draw is a quadratic form {@code wᵀHw}: O(n²), so a test costs O(B n²).
 */
public final class KsdBootstrap {

    /** The bootstrap family. */
    public enum Kind {
        MULTINOMIAL,
        WILD
    }

    private KsdBootstrap() {
    }

    /** Whether this bootstrap calibrates that statistic (the multinomial one is for Û only). */
    public static boolean supports(Kind kind, KsdStatistic statistic) {
        return kind == Kind.WILD || statistic == KsdStatistic.U;
    }

    /**
     * @param observed   the statistic of {@code h} ({@link KsdStatistic#of})
     * @param flipChance the wild bootstrap's change probability {@code a}; 0 for i.i.d. Rademacher signs
     */
    public static double pValue(Kind kind, KsdStatistic statistic, double[] h, int n, double observed, int draws,
                                double flipChance, SplittableRandom rng) {
        if (!supports(kind, statistic)) {
            throw new IllegalArgumentException("the multinomial bootstrap calibrates the U-statistic only");
        }
        double[] w = new double[n];
        int[] counts = new int[n];
        int exceed = 0;
        for (int b = 0; b < draws; b++) {
            double t;
            if (kind == Kind.MULTINOMIAL) {
                java.util.Arrays.fill(counts, 0);
                for (int i = 0; i < n; i++) {
                    counts[rng.nextInt(n)]++;
                }
                for (int i = 0; i < n; i++) {
                    w[i] = (counts[i] - 1.0) / n;
                }
                t = offDiagonalForm(h, n, w);
            } else {
                signs(w, flipChance, rng);
                t = statistic == KsdStatistic.U
                        ? offDiagonalForm(h, n, w) / ((double) n * (n - 1))
                        : fullForm(h, n, w) / n;
            }
            if (t >= observed) {
                exceed++;
            }
        }
        return (1.0 + exceed) / (draws + 1.0);
    }

    /** Rademacher signs, or the Markov sign-flip process when {@code flipChance > 0}. */
    static void signs(double[] w, double flipChance, SplittableRandom rng) {
        if (flipChance <= 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextBoolean() ? 1.0 : -1.0;
            }
            return;
        }
        w[0] = rng.nextBoolean() ? 1.0 : -1.0;
        for (int i = 1; i < w.length; i++) {
            w[i] = rng.nextDouble() < flipChance ? -w[i - 1] : w[i - 1];
        }
    }

    /** {@code Σ_{i,j} w_i w_j H_ij}. */
    static double fullForm(double[] h, int n, double[] w) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double r = 0;
            for (int j = 0; j < n; j++) {
                r += h[row + j] * w[j];
            }
            t += w[i] * r;
        }
        return t;
    }

    /** {@code Σ_{i≠j} w_i w_j H_ij}. */
    static double offDiagonalForm(double[] h, int n, double[] w) {
        double t = fullForm(h, n, w);
        for (int i = 0; i < n; i++) {
            t -= w[i] * w[i] * h[i * n + i];
        }
        return t;
    }
}
