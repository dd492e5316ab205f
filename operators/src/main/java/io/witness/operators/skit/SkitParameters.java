package io.witness.operators.skit;

import io.witness.operators.bettors.BettorKind;

/**
 * The validated parameters of one SKIT monitor (see {@link SkitMethod} for names and defaults).
 *
 * @param dx               dimension of the x role
 * @param dy               dimension of the y role
 * @param alpha            level; the test alarms when the wealth reaches 1/α
 * @param witness          witness kind
 * @param features         D, random frequencies per side (RFF only)
 * @param bettor           betting strategy
 * @param onsTruncation    upper clip of the ONS fraction
 * @param agrapaTruncation upper clip of the aGRAPA fraction
 * @param burnIn           observations used only to set bandwidths, then as history
 * @param bandwidthX       fixed σx, or NaN for the median heuristic
 * @param bandwidthY       fixed σy, or NaN for the median heuristic
 * @param forgetting       η of the RFF running means (0 = plain means)
 * @param maxHistory       exact mode: history cap in points
 * @param seed             seed of the random frequencies (and of the median-heuristic subsample)
 * @param resolveAfter     bets without a new alarm after which a step says {@code clear}
 */
public record SkitParameters(int dx, int dy, double alpha, WitnessKind witness, int features, BettorKind bettor,
                             double onsTruncation, double agrapaTruncation, int burnIn,
                             double bandwidthX, double bandwidthY, double forgetting, int maxHistory,
                             long seed, int resolveAfter) {

    /** True when both bandwidths are configured (no median heuristic). */
    public boolean fixedBandwidths() {
        return !Double.isNaN(bandwidthX) && !Double.isNaN(bandwidthY);
    }

    /** dx + dy, the length of the input vector. */
    public int dimension() {
        return dx + dy;
    }
}
