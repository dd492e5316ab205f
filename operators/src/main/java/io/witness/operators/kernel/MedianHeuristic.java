package io.witness.operators.kernel;

/**
 * SKIT's median heuristic (spec §0.2): {@code σ² = median_{i≠j} ||x_i − x_j||²}, i.e. σ is the median
 * pairwise distance. A thin entry point over {@link PairwiseDistanceSample} and
 * {@link BandwidthHeuristics#medianSquared}, kept because SKIT's stored states depend on its exact
 * numbers: the median over unordered pairs, an even count taking the mean of the two middle values
 * (numpy); samples larger than {@value #MAX_POINTS} points subsampled without replacement with a seeded
 * RNG; a zero median replaced by the mean squared distance, and that by {@value #CONSTANT_DATA_SIGMA2}
 * on constant data. Any of these is a function of the sample only, so validity (§A.3) is unaffected.
 */
public final class MedianHeuristic {

    public static final int MAX_POINTS = PairwiseDistanceSample.MAX_POINTS;
    /** σ² used when every point of the sample is the same (no scale information at all). */
    public static final double CONSTANT_DATA_SIGMA2 = BandwidthHeuristics.CONSTANT_DATA_SIGMA2;

    private MedianHeuristic() {
    }

    /**
     * σ² for the block {@code [offset, offset+dim)} of each of the first {@code count} rows of a
     * row-major buffer with row length {@code stride}.
     */
    public static double sigmaSquared(double[] rows, int count, int stride, int offset, int dim, long seed) {
        return BandwidthHeuristics.medianSquared(PairwiseDistanceSample.of(rows, count, stride, offset, dim, seed));
    }
}
