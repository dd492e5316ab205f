package io.witness.operators.hawkes;

/**
 * The validated parameters of one {@code hawkes} monitor (see {@link HawkesMethod} for names, defaults
 * and meanings). Durations in milliseconds of event time.
 */
public record HawkesSettings(
        KernelFamily kernel,
        long binMillis,
        int supportBins,
        int maxTypes,
        long refitIntervalMillis,
        int minEvents,
        int initialIterations,
        int iterations,
        double learningRate,
        long halfLifeMillis,
        long maxLatenessMillis,
        double alpha,
        double branchingThreshold,
        double edgeThreshold,
        int edgeConfirm,
        double edgeZ,
        double surgeFactor,
        int surgeMinEvents,
        int warmupRefits,
        int gofWindow,
        int resolveAfter,
        double edgeChange,
        long edgeReferenceMillis) {

    /** Refits from the first one to the one whose fit becomes the edge tests' reference. */
    public long edgeReferenceRefits() {
        return Math.max(warmupRefits, (edgeReferenceMillis + refitIntervalMillis - 1) / refitIntervalMillis);
    }

    /** The grid in seconds (rates are per second, kernel times in seconds). */
    public HawkesGrid grid() {
        return new HawkesGrid(binMillis / 1000.0, supportBins);
    }

    /** Bins an event may land behind the newest one and still be counted exactly. */
    public int lateBins() {
        return (int) Math.min(Integer.MAX_VALUE / 4, (maxLatenessMillis + binMillis - 1) / binMillis + 1);
    }

    /** Per-bin forgetting factor γ = 2^(−bin/half-life); 1 without forgetting. */
    public double gammaPerBin() {
        return halfLifeMillis <= 0 ? 1.0 : Math.pow(2.0, -(double) binMillis / halfLifeMillis);
    }

    /** Most dimensions of a key's process: the named types plus the overflow bucket. */
    public int maxDimensions() {
        return maxTypes + 1;
    }
}
