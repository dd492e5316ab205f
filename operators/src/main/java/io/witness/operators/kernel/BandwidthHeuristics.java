package io.witness.operators.kernel;

/**
 * The bandwidth rules of spec kernel-tests.md §0.2, each returning the σ to pass to the kernel
 * constructors of this package (so {@code new GaussianKernel(σ)} is {@code exp(−‖x−y‖²/(2σ²))} and
 * {@code new ImqKernel(σ)} is {@code (1 + ‖x−y‖²/σ²)^{−1/2}}). They are <em>not</em> the same rule:
 * <table>
 *   <caption>conventions</caption>
 *   <tr><th>method</th><th>returns</th><th>used by</th></tr>
 *   <tr><td>{@link #median}</td><td>{@code σ = √(median_{i<j} ‖x_i−x_j‖²)}</td>
 *       <td>SKIT's Gaussian σ ({@code γ = 1/(2σ²)}); pKSD's IMQ ℓ (ℓ² = median squared distance)</td></tr>
 *   <tr><td>{@link #medianSquared}</td><td>{@code σ² = median_{i<j} ‖x_i−x_j‖²}</td><td>the same, squared</td></tr>
 *   <tr><td>{@link #percentile}</td><td>q-th percentile of {@code ‖x_i−x_j‖} (numpy linear rule)</td><td>—</td></tr>
 *   <tr><td>{@link #nplm}</td><td>90th percentile of {@code ‖x_i−x_j‖}, rounded to 0.1</td><td>NPLM/Falkon σ</td></tr>
 * </table>
 * All are computed on a {@link PairwiseDistanceSample} (≤ 1 000 points, seeded subsample). Degenerate
 * samples never yield 0: a zero median (or percentile) falls back to the mean (squared) distance, and
 * a zero mean (constant data) to 1. Streaming callers must feed only data already consumed or a
 * reference set, never the point being scored (§0.2, §A.3).
 */
public final class BandwidthHeuristics {

    /** σ² used when every point of the sample is the same (no scale information at all). */
    public static final double CONSTANT_DATA_SIGMA2 = 1.0;
    /** NPLM's percentile (§0.2, {@code FLKutils.py::candidate_sigma}). */
    public static final double NPLM_PERCENTILE = 90.0;

    private BandwidthHeuristics() {
    }

    /** {@code median_{i<j} ‖x_i − x_j‖²}, or the fallbacks of the class comment. */
    public static double medianSquared(PairwiseDistanceSample s) {
        double median = s.medianSquared();
        if (median > 0) {
            return median;
        }
        double mean = s.meanSquared();
        return mean > 0 ? mean : CONSTANT_DATA_SIGMA2;
    }

    /** {@code √(median_{i<j} ‖x_i − x_j‖²)}: SKIT's σ and pKSD's ℓ. */
    public static double median(PairwiseDistanceSample s) {
        return Math.sqrt(medianSquared(s));
    }

    /** The q-th percentile of the pairwise Euclidean distances, or the fallbacks of the class comment. */
    public static double percentile(PairwiseDistanceSample s, double q) {
        double p = s.percentileDistance(q);
        if (p > 0) {
            return p;
        }
        double mean = s.meanDistance();
        return mean > 0 ? mean : Math.sqrt(CONSTANT_DATA_SIGMA2);
    }

    /**
     * NPLM's σ: the 90th percentile of pairwise distances rounded to one decimal, as
     * {@code candidate_sigma} does; if rounding gives 0 (all distances below 0.05) the unrounded value.
     * NPLM applies it to standardised reference data; standardising is the caller's job.
     */
    public static double nplm(PairwiseDistanceSample s) {
        double p = percentile(s, NPLM_PERCENTILE);
        double rounded = Math.round(p * 10.0) / 10.0;
        return rounded > 0 ? rounded : p;
    }
}
