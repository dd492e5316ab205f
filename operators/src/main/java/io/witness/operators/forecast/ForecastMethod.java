package io.witness.operators.forecast;

import io.witness.operators.kernel.KernelKind;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code method: kernel-forecast} — per-event anomaly scores for one metric series per key: an online
 * kernel regression forecast (AOGD-ALD or NONS-ALD, spec §D) of each value from the recent ones, and a
 * calibrated score in [0, 1] of its residual, with alarms at a configured false-alarm rate.
 *
 * <p>Defaults and why (none is tuned on test data):
 * <table>
 * <tr><th>name</th><th>default</th><th>why</th></tr>
 * <tr><td>algorithm</td><td>aogd</td><td>cheapest per point; nons is the spec's lower-loss option</td></tr>
 * <tr><td>shingle</td><td>8</td><td>the shingle length Random Cut Forest users start from; 2..64</td></tr>
 * <tr><td>seasonality</td><td>none</td><td>calendar features only where the user knows the series is daily/weekly</td></tr>
 * <tr><td>kernel, bandwidth</td><td>auto</td><td>chosen per key on the warm-up ({@link KernelSelection})</td></tr>
 * <tr><td>max-dictionary</td><td>auto</td><td>the largest that keeps the state ≤ 8 KiB (34 for aogd, 25 for nons at shingle 8)</td></tr>
 * <tr><td>ald-threshold</td><td>0.01</td><td>the spec's α² = 25/T at T = 2,500: a basis point is added when
 * more than 1 % of φ(x)'s squared norm lies outside the span</td></tr>
 * <tr><td>warm-up</td><td>128</td><td>16 shingles' worth: enough for a median heuristic and a prequential choice</td></tr>
 * <tr><td>false-alarm-rate</td><td>0.0001</td><td>r: at most one alarm onset per 10,000 points per series in
 * the long run, on any series ({@link OnsetCalibration}: fewer than r·T + 2 onsets in any T scored points)</td></tr>
 * <tr><td>long-horizon</td><td>32</td><td>4 shingles: a sustained 1σ shift reaches the alarm level in ~25 points</td></tr>
 * <tr><td>calibration-horizon</td><td>1024</td><td>the residual statistics' memory: long against the long
 * horizon (32×), short against a day of minutely data</td></tr>
 * <tr><td>level-horizon</td><td>32</td><td>the long horizon: the level follows seasonal and slow drifts at the
 * pace the long view looks at; it is frozen during incidents, so it does not follow failures</td></tr>
 * <tr><td>drift-horizon</td><td>max(calibration-horizon/4, 2·level-horizon) = 256</td><td>the drift view's
 * slow reference ({@link DriftView}): 8 level horizons, so a trend the level absorbs shows as a
 * level-vs-reference gap of slope × 224 points; a quarter of the calibration horizon, so its null (memory
 * 8 calibration horizons) rests on many of its own horizons</td></tr>
 * <tr><td>accept-after</td><td>256</td><td>an incident this long is a new regime (8 long horizons)</td></tr>
 * <tr><td>gap-reset</td><td>10</td><td>time steps above 10 nominal intervals break the shingle</td></tr>
 * <tr><td>radius, nons-bound, nons-mu, nons-eta</td><td>2, 1, 1, 1/8</td><td>the spec's U, C, μ, η (§D.3, §D.4)</td></tr>
 * </table>
 * The monitor's {@code alpha} is not used: the alarm level is {@code false-alarm-rate}, a rate per point.
 */
public final class ForecastMethod implements MonitorMethod {

    public static final String NAME = "kernel-forecast";
    public static final String ROLE = "value";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of(ROLE);
    }

    @Override
    public ForecastFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new ForecastFactory(parse(roleDimensions, params));
    }

    public static ForecastParameters parse(Map<String, Integer> roleDimensions, Map<String, Object> params) {
        Integer d = roleDimensions == null ? null : roleDimensions.get(ROLE);
        if (d == null || d != 1) {
            throw new IllegalArgumentException("role '" + ROLE + "' needs exactly one numeric field, got " + d);
        }
        Params p = new Params(params);
        RegressorKind algorithm = p.getEnum("algorithm", RegressorKind.class, RegressorKind.AOGD);
        int shingle = p.getInt("shingle", 8, 2, 64);
        Seasonality seasonality = p.getEnum("seasonality", Seasonality.class, Seasonality.NONE);
        KernelKind kernel = null;
        if (p.has("kernel")) {
            Object k = params.get("kernel");
            String name = k.toString().trim().toLowerCase(Locale.ROOT);
            if (!name.equals("auto")) {
                try {
                    kernel = KernelKind.parse(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("parameter 'kernel' must be auto, gaussian, laplace, imq, matern32 "
                            + "or matern52, got '" + k + "'");
                }
            }
        }
        double bandwidth = Double.NaN;
        if (p.has("bandwidth") && !"auto".equalsIgnoreCase(params.get("bandwidth").toString().trim())) {
            bandwidth = p.getDouble("bandwidth", Double.NaN, 0.0, 1e6);
            if (bandwidth <= 0) {
                throw new IllegalArgumentException("parameter 'bandwidth' must be > 0 or auto, got " + bandwidth);
            }
        }
        int maxDictionary = 0;
        if (p.has("max-dictionary") && !"auto".equalsIgnoreCase(params.get("max-dictionary").toString().trim())) {
            maxDictionary = p.getInt("max-dictionary", 0, ForecastFactory.MIN_DICTIONARY, ForecastFactory.MAX_DICTIONARY);
        }
        double ald = p.getDouble("ald-threshold", 0.01, 1e-8, 0.5);
        int warmUp = p.getInt("warm-up", 128, 0, 1000);
        if (warmUp < shingle + 16) {
            throw new IllegalArgumentException("parameter 'warm-up' must be at least shingle + 16 = " + (shingle + 16)
                    + ", got " + warmUp);
        }
        double rate = p.getDouble("false-alarm-rate", 1e-4, 1e-9, 0.1);
        int longHorizon = p.getInt("long-horizon", 32, 4, 4096);
        int calibration = p.getInt("calibration-horizon", 1024, 16, 1_000_000);
        if (calibration < longHorizon) {
            throw new IllegalArgumentException("parameter 'calibration-horizon' must be at least long-horizon ("
                    + longHorizon + "), got " + calibration);
        }
        int levelHorizon = p.getInt("level-horizon", 32, 1, 1_000_000);
        int driftDefault = Math.max(calibration / 4, 2 * levelHorizon);
        int driftHorizon = p.getInt("drift-horizon", driftDefault, 2, 1_000_000);
        int memory = calibration * ResidualScorer.TAIL_HORIZON_FACTOR;
        if (driftHorizon < 2 * levelHorizon || driftHorizon > memory) {
            throw new IllegalArgumentException("parameter 'drift-horizon' must lie between 2 × level-horizon ("
                    + 2 * levelHorizon + ") and 8 × calibration-horizon (" + memory + "), got " + driftHorizon);
        }
        int acceptAfter = p.getInt("accept-after", 256, 1, Integer.MAX_VALUE);
        if (acceptAfter < longHorizon) {
            throw new IllegalArgumentException("parameter 'accept-after' must be at least long-horizon ("
                    + longHorizon + "), got " + acceptAfter);
        }
        int gapReset = p.getInt("gap-reset", 10, 2, 1_000_000);
        double radius = p.getDouble("radius", 2.0, 1e-6, 1e6);
        double bound = p.getDouble("nons-bound", 1.0, 1e-6, 1e6);
        double mu = p.getDouble("nons-mu", 1.0, 1e-9, 1e9);
        double eta = p.getDouble("nons-eta", 1.0 / 8, 1e-9, 1e3);
        p.rejectUnknown();
        return new ForecastParameters(algorithm, shingle, seasonality, kernel, bandwidth, maxDictionary, ald, warmUp,
                rate, longHorizon, calibration, levelHorizon, driftHorizon, acceptAfter, gapReset, radius, bound, mu, eta);
    }

    /** Defaults, for callers outside the configuration (benchmarks, tests). */
    public static ForecastFactory defaults() {
        return new ForecastMethod().configure(Map.of(ROLE, 1), 0.05, Map.of());
    }

    /** With parameters, for callers outside the configuration. */
    public static ForecastFactory with(Map<String, Object> params) {
        return new ForecastMethod().configure(Map.of(ROLE, 1), 0.05, params);
    }
}
