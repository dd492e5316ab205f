package io.witness.operators.kernel;

import org.apache.commons.numbers.arrays.Selection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The pairwise squared Euclidean distances {@code ‖x_i − x_j‖², i < j}, of a sample of at most
 * {@value #MAX_POINTS} points (spec kernel-tests.md §0.2: O(m²) distances, so large buffers are
 * subsampled without replacement by a seeded partial Fisher–Yates shuffle). The bandwidth heuristics
 * of {@link BandwidthHeuristics} are order statistics of this one array, so callers that need several
 * of them compute the distances once.
 *
 * <p>Unordered pairs suffice: a statistic over ordered pairs i≠j sees every value twice, which changes
 * no median or percentile.
 *
 * <p>The order statistics are found by selection (Commons Numbers' introselect, O(N) for N pairs), not by
 * sorting (O(N log N)): the value at a rank is the same either way, so every median and percentile is
 * bit-identical to the sorted array's. At 1 000 points (499 500 pairs) the sort was 55–65 % of a KSD or
 * MMD-betting monitor's thread (docs/performance.md, "Scale, part 2"). Selection reorders the array in
 * place; the values, and so every later query, are unchanged by it.
 */
public final class PairwiseDistanceSample {

    /** The largest number of points whose pairwise distances are computed (§0.2). */
    public static final int MAX_POINTS = 1000;

    private final int points;
    /** The squared distances, in pair order until a query partitions them (values never change). */
    private final double[] squared;
    /** Σ of the squared distances, summed in pair order (i, j), i < j. */
    private final double squaredSum;

    private PairwiseDistanceSample(int points, double[] squared, double squaredSum) {
        this.points = points;
        this.squared = squared;
        this.squaredSum = squaredSum;
    }

    /** The n points of a dense row-major {@code n × d} array. */
    public static PairwiseDistanceSample of(double[] x, int n, int d, long seed) {
        return of(x, n, d, 0, d, seed);
    }

    /**
     * The block {@code [offset, offset+dim)} of each of the first {@code count} rows of a row-major
     * buffer with row length {@code stride}.
     */
    public static PairwiseDistanceSample of(double[] rows, int count, int stride, int offset, int dim, long seed) {
        if (count < 2) {
            throw new IllegalArgumentException("pairwise distances need at least 2 points, got " + count);
        }
        int[] idx = sampleIndices(count, seed);
        int m = idx.length;
        double[] d2 = new double[m * (m - 1) / 2];
        int k = 0;
        for (int i = 0; i < m; i++) {
            int oi = idx[i] * stride + offset;
            for (int j = i + 1; j < m; j++) {
                d2[k++] = KernelDistance.SQUARED_EUCLIDEAN.between(rows, oi, rows, idx[j] * stride + offset, dim);
            }
        }
        double sum = 0;
        for (double v : d2) {
            sum += v;
        }
        return new PairwiseDistanceSample(m, d2, sum);
    }

    /** All indices, or a seeded partial Fisher–Yates sample of {@link #MAX_POINTS} of them. */
    static int[] sampleIndices(int count, long seed) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        if (count <= MAX_POINTS) {
            return all;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < MAX_POINTS; i++) {
            int j = i + rnd.nextInt(count - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, MAX_POINTS);
    }

    /** The number of points the distances were computed on (≤ {@link #MAX_POINTS}). */
    public int points() {
        return points;
    }

    /** The number of pairs, {@code points·(points−1)/2}. */
    public int pairs() {
        return squared.length;
    }

    /** {@code median_{i<j} ‖x_i − x_j‖²}; an even count takes the mean of the two middle values (numpy). */
    public double medianSquared() {
        int h = squared.length / 2;
        if (squared.length % 2 == 1) {
            return ranked(h);
        }
        double[] v = ranked(h - 1, h);
        return 0.5 * (v[0] + v[1]);
    }

    /** The mean squared distance. */
    public double meanSquared() {
        return squaredSum / squared.length;
    }

    /**
     * The mean Euclidean distance, summed in the array's current order (pair order, partitioned by any
     * earlier median or percentile query), so the same calls on the same sample give the same value.
     */
    public double meanDistance() {
        double s = 0;
        for (double v : squared) {
            s += Math.sqrt(v);
        }
        return s / squared.length;
    }

    /**
     * The q-th percentile (0 ≤ q ≤ 100) of the Euclidean distances {@code ‖x_i − x_j‖}, with numpy's
     * default "linear" rule: position {@code q/100·(N−1)} in the sorted values, interpolated between its
     * two neighbours. Interpolation is between distances, not squared distances, as NPLM's
     * {@code np.percentile} of distances does (§0.2).
     */
    public double percentileDistance(double q) {
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
        }
        double pos = q / 100.0 * (squared.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, squared.length - 1);
        if (lo == hi) {
            return Math.sqrt(ranked(lo));   // q = 100 (or one pair): nothing to interpolate
        }
        double[] v = ranked(lo, hi);
        double a = Math.sqrt(v[0]);
        double b = Math.sqrt(v[1]);
        return a + (pos - lo) * (b - a);
    }

    /** The value of rank {@code k} (0-based, ascending) of the squared distances. */
    private double ranked(int k) {
        Selection.select(squared, k);
        return squared[k];
    }

    /** The values of ranks {@code k1 < k2}, found in one selection. */
    private double[] ranked(int k1, int k2) {
        Selection.select(squared, new int[] {k1, k2});
        return new double[] {squared[k1], squared[k2]};
    }
}
