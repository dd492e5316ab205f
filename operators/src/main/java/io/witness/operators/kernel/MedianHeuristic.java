package io.witness.operators.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * SKIT's median heuristic (spec §0.2): {@code σ² = median_{i≠j} ||x_i − x_j||²}, i.e. σ is the median
 * pairwise distance. The median over ordered pairs i≠j equals the median over unordered pairs i<j
 * (every value appears twice), so only i<j is computed; an even count takes the mean of the two
 * middle values, as numpy's median does.
 *
 * <p>Large samples are subsampled without replacement to {@value #MAX_POINTS} points with a seeded
 * RNG (§0.2: O(m²) distances). Degenerate samples are floored so that callers never divide by zero:
 * if the median is 0 (more than half the pairs coincide, e.g. discrete data) the mean squared
 * distance is used instead; if that is 0 too (constant data) σ² = {@value #CONSTANT_DATA_SIGMA2}.
 * Any of these is a function of the sample only, so validity (§A.3) is unaffected.
 */
public final class MedianHeuristic {

    public static final int MAX_POINTS = 1000;
    /** σ² used when every point of the sample is the same (no scale information at all). */
    public static final double CONSTANT_DATA_SIGMA2 = 1.0;

    private MedianHeuristic() {
    }

    /**
     * σ² for the block {@code [offset, offset+dim)} of each of the first {@code count} rows of a
     * row-major buffer with row length {@code stride}.
     */
    public static double sigmaSquared(double[] rows, int count, int stride, int offset, int dim, long seed) {
        if (count < 2) {
            throw new IllegalArgumentException("the median heuristic needs at least 2 points, got " + count);
        }
        int[] idx = sampleIndices(count, seed);
        int m = idx.length;
        double[] d2 = new double[m * (m - 1) / 2];
        int k = 0;
        for (int i = 0; i < m; i++) {
            int oi = idx[i] * stride + offset;
            for (int j = i + 1; j < m; j++) {
                d2[k++] = GaussianKernel.squaredDistance(rows, oi, rows, idx[j] * stride + offset, dim);
            }
        }
        double sum = 0;
        for (double v : d2) {
            sum += v;
        }
        Arrays.sort(d2);
        int h = d2.length / 2;
        double median = d2.length % 2 == 1 ? d2[h] : 0.5 * (d2[h - 1] + d2[h]);
        if (median > 0) {
            return median;
        }
        double mean = sum / d2.length;
        return mean > 0 ? mean : CONSTANT_DATA_SIGMA2;
    }

    /** All indices, or a seeded partial Fisher–Yates sample of {@link #MAX_POINTS} of them. */
    private static int[] sampleIndices(int count, long seed) {
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
}
