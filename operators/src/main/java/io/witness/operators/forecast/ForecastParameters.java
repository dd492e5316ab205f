package io.witness.operators.forecast;

import io.witness.operators.kernel.KernelKind;

/**
 * Validated parameters of one {@code kernel-forecast} monitor; see {@link ForecastMethod} for names,
 * defaults and the reason for each default.
 *
 * @param kernel    fixed family, or null to choose per key from the warm-up
 * @param bandwidth fixed width (in units of the series' warm-up spread), or NaN to choose per key
 */
public record ForecastParameters(RegressorKind algorithm, int shingle, Seasonality seasonality, KernelKind kernel,
                                 double bandwidth, int maxDictionary, double aldThreshold, int warmUp,
                                 double falseAlarmRate, int longHorizon, int calibrationHorizon, int levelHorizon,
                                 int driftHorizon,
                                 int acceptAfter, int gapReset, double radius, double bound, double mu, double eta) {

    /** Input dimension of the regression: shingle plus calendar features. */
    public int featureDimension() {
        return shingle + seasonality.features();
    }

    /**
     * Memory of the drift and structure views' empirical nulls: the tail model's, 8 calibration
     * horizons, so that a slow statistic's variance rests on many of its own horizons.
     */
    public int viewMemory() {
        return calibrationHorizon * ResidualScorer.TAIL_HORIZON_FACTOR;
    }

    /**
     * Horizon of the structure view's correlation: 4 long horizons, because a correlation needs more
     * pairs than a mean (from 2H−1 ≈ 255 pairs its sampling sd is about 1/16) and a cycle's own swing
     * within the horizon averages out once the horizon spans a few of the cycles it is meant to tell apart.
     */
    public int structureHorizon() {
        return STRUCTURE_HORIZONS * longHorizon;
    }

    static final int STRUCTURE_HORIZONS = 4;

    /** The alarm ends after this many consecutive points with p above the release level. */
    public int quietPoints() {
        return longHorizon;
    }

    /** Points re-learnt without alarms after a regime is accepted. */
    public int recalibrationPoints() {
        return 2 * longHorizon;
    }

    /** Hysteresis: an open incident counts a point as quiet when p exceeds √rate. */
    public double releaseLevel() {
        return Math.sqrt(falseAlarmRate);
    }
}
