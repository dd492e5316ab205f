package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses M Nyström centres among n input points (row-major {@code n × d}); returns distinct row
 * indices. Deterministic given the seed.
 */
public final class NystromCentres {

    /** Default ridge λ for leverage scores (Falkon convention, regulariser nλ). */
    public static final double DEFAULT_LEVERAGE_LAMBDA = 1e-3;
    /** Default landmarks for the leverage-score estimate: {@code max(2M, 100)}, capped at n. */
    public static final int MIN_LEVERAGE_LANDMARKS = 100;

    private NystromCentres() {
    }

    /** With each method's defaults. */
    public static int[] select(CentreSelection how, Kernel k, double[] x, int n, int d, int m, long seed) {
        return switch (how) {
            case UNIFORM -> UniformCentres.select(n, m, seed);
            case KERNEL_THINNING -> kernelThinning(k, x, n, d, m, seed);
            case LEVERAGE -> leverage(k, x, n, d, m, DEFAULT_LEVERAGE_LAMBDA,
                    Math.max(2 * m, MIN_LEVERAGE_LANDMARKS), seed);
        };
    }

    /**
     * Kernel thinning to M points: with {@code r = ⌊log₂(n/M)⌋} halving rounds, a uniform random subset
     * of {@code M·2^r} points (all n when n = M·2^r; otherwise fewer than half are left out) is thinned by
     * KT-SPLIT + KT-SWAP with unique points. r = 0 (M &gt; n/2) is uniform selection.
     */
    public static int[] kernelThinning(Kernel k, double[] x, int n, int d, int m, long seed) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("cannot pick " + m + " of " + n + " points");
        }
        int rounds = 31 - Integer.numberOfLeadingZeros(n / m);
        int used = m << rounds;
        int[] subset = UniformCentres.select(n, used, seed);
        if (rounds == 0) {
            return subset;
        }
        double[] xs = new double[used * d];
        for (int i = 0; i < used; i++) {
            System.arraycopy(x, subset[i] * d, xs, i * d, d);
        }
        int[] local = KernelThinning.thin(k, xs, used, d, rounds, seed ^ 0x5DEECE66DL, true, true);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = subset[local[i]];
        }
        return out;
    }

    /**
     * M points sampled without replacement with probability ∝ approximate ridge leverage scores
     * ({@link RidgeLeverageScores}), by Efraimidis–Spirakis keys {@code ln(u)/τ_i} (the M largest win).
     * Scores are floored at 1e-12 of the largest so every point keeps a positive chance.
     */
    public static int[] leverage(Kernel k, double[] x, int n, int d, int m, double lambda, int landmarks, long seed) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("cannot pick " + m + " of " + n + " points");
        }
        double[] tau = RidgeLeverageScores.approximate(k, x, n, d, lambda, landmarks, seed);
        double max = 0;
        for (double t : tau) {
            max = Math.max(max, t);
        }
        double floor = max > 0 ? 1e-12 * max : 1.0;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        Integer[] order = new Integer[n];
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            double u = 1.0 - rnd.nextDouble(); // (0, 1]
            key[i] = Math.log(u) / Math.max(tau[i], floor);
        }
        Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
