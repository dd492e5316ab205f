package io.witness.operators.skit;

import io.witness.operators.bettors.BettorKind;

/**
 * The validated parameters of one SKIT monitor (see {@link SkitMethod} for names and defaults).
 *
 * @param dx               dimension of the x role
 * @param dy               dimension of the y role
 * @param alpha            level; the test alarms when the wealth reaches 1/α
 * @param witness          witness kind
 * @param features         D, random frequencies per side (rff), or J, joint frequencies (joint)
 * @param precision        precision of the random-feature running means
 * @param version1Features the D of a version-1 state: {@code features} if it was configured, else 64,
 *                         the version-1 default (a version-1 state does not say its D)
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
public record SkitParameters(int dx, int dy, double alpha, WitnessKind witness, int features, MeanPrecision precision,
                             int version1Features, BettorKind bettor,
                             double onsTruncation, double agrapaTruncation, int burnIn,
                             double bandwidthX, double bandwidthY, double forgetting, int maxHistory,
                             long seed, int resolveAfter) {

    /** True when both bandwidths are configured (no median heuristic). */
    public boolean fixedBandwidths() {
        return !Double.isNaN(bandwidthX) && !Double.isNaN(bandwidthY);
    }

    /** The shape of the state of a key that starts now. */
    public SkitStateShape shape() {
        return new SkitStateShape(witness, features, precision, bettor, seed);
    }

    /**
     * The shape of a version-1 state: everything as configured, but D as version 1 resolved it and the
     * means in double (version 1 had no other precision). The joint witness did not exist in version 1.
     */
    public SkitStateShape version1Shape() {
        WitnessKind w = witness == WitnessKind.JOINT ? WitnessKind.RFF : witness;
        return new SkitStateShape(w, version1Features, MeanPrecision.DOUBLE, bettor, seed);
    }

    /** dx + dy, the length of the input vector. */
    public int dimension() {
        return dx + dy;
    }
}
