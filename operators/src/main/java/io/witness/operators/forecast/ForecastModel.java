package io.witness.operators.forecast;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;
import static io.witness.operators.monitor.ExplanationValue.vector;

import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.KernelKind;
import io.witness.operators.kernel.Kernels;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.PerEventScore;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-key {@code kernel-forecast} model: forecasts each value of one metric series from its recent
 * values by online kernel regression (spec §D), and scores each point by five views combined by
 * weighted Bonferroni, {@code p = min(1, min(p_short, p_level, p_scale)/0.3, min(p_drift, p_structure)/0.05)}
 * (see {@link #SLOW_SHARE}): three of the residual ({@link ResidualScorer}) and two of the values
 * themselves, for changes a fast-learning
 * forecaster follows without error — a slow trend ({@link DriftView}) and a change of rhythm at the
 * same predictability, such as a cycle speeding up ({@link StructureView}).
 *
 * <ol>
 * <li><b>Warm-up</b> ({@code warm-up} points, not scored): buffered. At its end: centre = median and
 * spread = 1.4826·MAD of the values (the units everything is measured in; floored at
 * max(10⁻⁹, 10⁻⁶·|centre|) so a constant series is not a division by zero); nominal sampling interval
 * = median time step; kernel and width chosen by {@link KernelSelection}; then the warm-up is replayed
 * through the forecaster (prequential residuals) and the scorer is calibrated on those residuals.
 * Alarms are possible from the first point after the warm-up (the drift and structure views, which
 * learn their null from the series, stay cautious until they have a few thousand points of it).</li>
 * <li><b>Forecast</b>: input x = the last {@code shingle} values minus the level ℓ, over the spread (+
 * optional calendar features); {@code ŷ = ℓ + 4·spread·f(x)}. Targets are divided by 4 spreads so that
 * normal values lie in the regression's range (|f| ≤ U = 2 for AOGD, the NONS bound C = 1). The level
 * ℓ is an EW mean with horizon {@code level-horizon}, its step clipped at ±3 spreads, frozen during incidents.</li>
 * <li><b>Incident (hysteresis)</b>: opens when p ≤ the calibrated level α_t of {@link OnsetCalibration}
 * (at most {@code false-alarm-rate}; fewer than r·T + 2 onsets in any T scored points, whatever the
 * series); every point in it is {@code alarm}; it closes ({@code clear}) after {@code long-horizon}
 * consecutive points with p above the release level √rate. One incident, one alert, one onset.</li>
 * <li><b>Score</b>: {@code surprise} = −log10 p from the views' log tails, {@code score} =
 * surprise/(1 + surprise) — monotone in the point's own evidence, no plateau.</li>
 * <li><b>Level-shift rule</b>: during an incident nothing is learnt — not the regression, the level,
 * nor the residual statistics — so a persistent failure is not absorbed as normal. If one incident
 * lasts {@code accept-after} points, the new behaviour is accepted: the incident closes, ℓ jumps to the
 * median of the recent values, and the residual statistics are re-learnt over 2·{@code long-horizon}
 * points, which are not scored; the drift and structure views restart at the new level with an empty
 * null.</li>
 * <li><b>Learning</b> on normal points: the regression's error is winsorised at ±3 residual scales, so
 * a single spike below the alarm level moves the model little.</li>
 * <li><b>Gaps</b>: a time step longer than {@code gap-reset} nominal intervals empties the shingle; the
 * next {@code shingle} points refill it and are not scored (no imputation: nothing invented); model,
 * level and statistics are kept. Shorter gaps are taken as consecutive points.</li>
 * <li><b>Out of order / duplicate timestamps</b>: a point whose time is not after the previous one is
 * skipped: not scored, not learnt, counted ({@code skipped}). (The streaming job already drops exact
 * duplicates and events later than {@code job.allowed-lateness}.)</li>
 * <li><b>Flatlines</b> show as residuals collapsing: the long scale view alarms; if it persists
 * {@code accept-after} points, it is accepted like a level shift, and the series moving again is then
 * the next incident.</li>
 * </ol>
 *
 * <p>State layout (version {@value #FORMAT_VERSION}): see {@link #writeState}; size ≤ the factory's
 * {@link ForecastFactory#maxStateBytes()}.
 */
public final class ForecastModel implements Model, PerEventScore {

    static final short FORMAT_VERSION = 3;
    /** The layout before the onset calibration (a fixed level p ≤ rate); still read, never written. */
    static final short FORMAT_VERSION_2 = 2;
    /** The first layout (no drift or structure view); still read, never written. */
    static final short FORMAT_VERSION_1 = 1;
    /**
     * The smallest p-value kept (the smallest positive normal double): the views' normal tails reach it
     * at |z| ≈ 37.5, below it they underflow to 0, which would make every larger surprise tie.
     */
    static final double MIN_P = Double.MIN_NORMAL;
    /**
     * Weighted Bonferroni (the shares of the false-alarm rate sum to 1). The drift and structure views
     * get {@value #SLOW_SHARE} each: they watch changes that build up over hundreds of points, whose z
     * keeps growing, so a stricter level costs them a few percent of delay. The three residual views
     * share the rest equally and keep 90 % of the level they had alone, so spikes, shifts and variance
     * changes, whose evidence does not grow without bound, are found almost as before (a residual p
     * of 0.9·10⁻⁴ under the old factor 3 is now 1.0·10⁻⁴).
     */
    static final double SLOW_SHARE = 0.05;
    static final double RESIDUAL_SHARE = (1 - 2 * SLOW_SHARE) / 3;

    static final double TARGET_SCALE = 4.0;
    static final double CLIP = 3.0;

    private static final int FLAG_RUNNING = 1;
    private static final int FLAG_OPEN = 2;

    private final ForecastFactory factory;
    private final ForecastParameters p;
    private final int m;
    private final int dim;
    private final double lambdaLevel;

    // ---- state ----
    private long observations;
    private boolean running;
    private long[] warmTimes;
    private double[] warmValues;
    private int warmCount;
    private Kernel kernel;
    private double center;
    private double spread;
    private long interval;
    private double level;
    private final double[] ring;
    private int ringCount;
    private int ringNext;
    private long lastTime = Long.MIN_VALUE;
    private AldRegressor regressor;
    private final ResidualScorer scorer;
    private final DriftView drift;
    private final StructureView structure;
    private final OnsetCalibration calibration;
    private boolean open;
    private int incidentLength;
    private int quietRun;
    private final double[] recalibration;
    private int recalibrationCount;
    private int recalibrationLeft;
    private long skipped;
    private long gaps;
    private long incidents;

    // ---- last point (not state) ----
    private double lastScore = Double.NaN;
    private double lastSurprise = Double.NaN;
    private double lastP = Double.NaN;
    private boolean lastAlarm;
    private boolean lastClear;
    private double lastForecast = Double.NaN;
    private double lastResidual = Double.NaN;
    private final double[] x;
    private double evicted;

    ForecastModel(ForecastFactory factory) {
        this.factory = factory;
        this.p = factory.parameters();
        this.m = p.shingle();
        this.dim = p.featureDimension();
        this.lambdaLevel = 1.0 / p.levelHorizon();
        this.ring = new double[m];
        this.scorer = new ResidualScorer(p.longHorizon(), p.calibrationHorizon());
        this.drift = new DriftView(p.levelHorizon(), p.driftHorizon(), p.viewMemory());
        this.structure = new StructureView(p.structureHorizon(), p.viewMemory());
        this.calibration = new OnsetCalibration(p.falseAlarmRate());
        this.recalibration = new double[p.recalibrationPoints()];
        this.x = new double[dim];
        this.warmTimes = new long[p.warmUp()];
        this.warmValues = new double[p.warmUp()];
    }

    @Override
    public Step update(long time, double[] values) {
        if (!observe(time, values[0]) || Double.isNaN(lastScore)) {
            return null;
        }
        return step();
    }

    /**
     * Consumes one value and scores it, without building a {@link Step} (what the benchmark of the
     * scorer alone measures). Returns false if the point was skipped (out of order or duplicate time).
     * The outcome is in {@link #lastScore()}, {@link #lastAlarm()}.
     */
    public boolean observe(long time, double y) {
        observations++;
        lastScore = Double.NaN;
        lastSurprise = Double.NaN;
        lastP = Double.NaN;
        lastAlarm = false;
        lastClear = false;
        lastForecast = Double.NaN;
        lastResidual = Double.NaN;
        if (!running) {
            if (warmCount > 0 && time <= warmTimes[warmCount - 1]) {
                skipped++;
                return false;
            }
            warmTimes[warmCount] = time;
            warmValues[warmCount] = y;
            warmCount++;
            if (warmCount == p.warmUp()) {
                initialise();
            }
            return true;
        }
        if (time <= lastTime) {
            skipped++;
            return false;
        }
        if (interval > 0 && time - lastTime > (long) p.gapReset() * interval) {
            gaps++;
            ringCount = 0;
            ringNext = 0;
        }
        lastTime = time;
        if (ringCount < m) {
            push(y);
            return true;
        }
        double f = regressor.predict(features(time));
        double forecast = level + TARGET_SCALE * spread * f;
        double r = (y - forecast) / spread;
        lastForecast = forecast;
        lastResidual = y - forecast;
        double ys = (y - center) / spread;
        scoreViews(ys);
        if (recalibrationLeft > 0) {
            recalibration[recalibrationCount++] = r;
            recalibrationLeft--;
            absorbViews(ys);
            learn(y, f);
            if (recalibrationLeft == 0) {
                scorer.calibrate(recalibration, recalibrationCount);
                recalibrationCount = 0;
            }
            push(y);
            return true;
        }
        scorer.score(r);
        double residualViews = Math.min(scorer.pShort, Math.min(scorer.pLevel, scorer.pScale));
        double pv = Math.max(MIN_P, Math.min(1.0,
                Math.min(residualViews / RESIDUAL_SHARE, Math.min(drift.p, structure.p) / SLOW_SHARE)));
        boolean onset = false;
        boolean accepted = false;
        if (!open) {
            if (calibration.admits(pv)) {
                open = true;
                onset = true;
                incidentLength = 0;
                quietRun = 0;
                incidents++;
            }
        } else {
            incidentLength++;
            quietRun = pv > p.releaseLevel() ? quietRun + 1 : 0;
            if (quietRun >= p.quietPoints()) {
                open = false;
                lastClear = true;
            } else if (incidentLength >= p.acceptAfter()) {
                open = false;
                lastClear = true;
                accepted = true;
                accept(y);
            }
        }
        calibration.update(onset);
        lastP = pv;
        lastSurprise = surprise();
        lastScore = score(lastSurprise);
        lastAlarm = open || onset;
        if (!open) {
            // the statistics learn only from points the uncalibrated rule called normal (p > rate): a point
            // the spent level let pass is still no yardstick, so one far outlier cannot fatten the tail
            if (!accepted && pv > p.falseAlarmRate()) {
                scorer.absorb(r);
                absorbViews(ys);
            }
            learn(y, f);
        }
        push(y);
        return true;
    }

    /** −log10 p: the evidence of p, in decades (0 at p = 1). */
    static double surprise(double p) {
        return Math.max(0.0, -Math.log10(p));   // max: p = 1 gives 0, not −0
    }

    /**
     * −log10 of this point's combined p, from the views' log tails: the same number as
     * {@code surprise(p)} wherever p is a normal double, and beyond {@link #MIN_P} (where p itself is
     * clamped) it keeps growing with the evidence, so even the largest deviations do not tie.
     */
    private double surprise() {
        double residual = Math.min(scorer.log10Short, Math.min(scorer.log10Level, scorer.log10Scale))
                - LOG10_RESIDUAL_SHARE;
        double slow = Math.min(drift.log10p, structure.log10p) - LOG10_SLOW_SHARE;
        return Math.max(0.0, -Math.min(residual, slow));
    }

    private static final double LOG10_RESIDUAL_SHARE = Math.log10(RESIDUAL_SHARE);
    private static final double LOG10_SLOW_SHARE = Math.log10(SLOW_SHARE);

    /**
     * The anomaly score of a surprise s: {@code s/(1 + s)} — in [0, 1), strictly increasing in s, so it
     * ranks points exactly as their p-values do (beyond {@link #MIN_P}, score 0.99676, by the log tails), with no plateau:
     * 1 − p would round to 1.0 for every p below 1.1·10⁻¹⁶. p = 10^(−score/(1 − score)): 0.5 is p = 0.1,
     * 0.8 is p = 10⁻⁴, 0.9 is p = 10⁻⁹.
     */
    static double score(double surprise) {
        return surprise / (1 + surprise);
    }

    /** Scores the drift and structure views on standardised value ys (the shingle is full). */
    private void scoreViews(double ys) {
        double fast = drift.fastLevel();
        structure.score(ys - fast, (recent(0) - center) / spread - fast);
        drift.score(ys, scorer.scale());
    }

    private void absorbViews(double ys) {
        drift.absorb(ys);
        structure.absorb();
    }

    /** The regression and level learn from y (f = this round's regression output). */
    private void learn(double y, double f) {
        double target = (y - level) / (TARGET_SCALE * spread);
        double maxError = CLIP * scorer.scale() / TARGET_SCALE;
        regressor.learn(Math.max(f - maxError, Math.min(f + maxError, target)));
        level += lambdaLevel * Math.max(-CLIP * spread, Math.min(CLIP * spread, y - level));
    }

    /** Accepts the incident's behaviour as the new normal (level-shift rule). */
    private void accept(double y) {
        double[] recent = new double[ringCount + 1];
        for (int i = 0; i < ringCount; i++) {
            recent[i] = ring[i];
        }
        recent[ringCount] = y;
        level = Robust.median(recent);
        scorer.resetLong();
        drift.start((level - center) / spread);
        structure.start();
        recalibrationLeft = p.recalibrationPoints();
        recalibrationCount = 0;
    }

    private void push(double y) {
        evicted = ring[ringNext];
        ring[ringNext] = y;
        ringNext = (ringNext + 1) % m;
        ringCount = Math.min(ringCount + 1, m);
    }

    /** Value i of the shingle, oldest first (ring full). */
    private double recent(int i) {
        return ring[(ringNext + i) % m];
    }

    private double[] features(long time) {
        for (int i = 0; i < m; i++) {
            x[i] = (recent(i) - level) / spread;
        }
        p.seasonality().write(time, kernel.bandwidth() / 2, x, m);
        return x;
    }

    /** End of warm-up: units, interval, kernel, replay through the forecaster, scorer calibration. */
    private void initialise() {
        int w = warmCount;
        center = Robust.median(warmValues, w);
        double[] vals = java.util.Arrays.copyOf(warmValues, w);
        spread = Math.max(Robust.scale(vals, center), Math.max(1e-9, 1e-6 * Math.abs(center)));
        long[] steps = new long[w - 1];
        int positive = 0;
        for (int i = 1; i < w; i++) {
            long d = warmTimes[i] - warmTimes[i - 1];
            if (d > 0) {
                steps[positive++] = d;
            }
        }
        interval = positive == 0 ? 0 : medianLong(steps, positive);
        int n = w - m;
        double[] inputs = new double[n * dim];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                inputs[i * dim + j] = (warmValues[i + j] - center) / spread;
            }
            targets[i] = (warmValues[i + m] - center) / (TARGET_SCALE * spread);
        }
        long[] times = warmTimes;
        kernel = KernelSelection.choose(inputs, targets, n, dim, m, p.kernel(), p.bandwidth(),
                (i, bw, row) -> p.seasonality().write(times[i + m], bw / 2, row, m), factory::newRegressor);
        regressor = factory.newRegressor(kernel);
        level = center;
        double[] residuals = new double[n];
        ringCount = 0;
        ringNext = 0;
        drift.start(0.0);
        structure.start();
        for (int i = 0; i < w; i++) {
            double y = warmValues[i];
            if (i >= m) {
                double ys = (y - center) / spread;
                scoreViews(ys);
                absorbViews(ys);
                double f = regressor.predict(features(warmTimes[i]));
                residuals[i - m] = (y - (level + TARGET_SCALE * spread * f)) / spread;
                regressor.learn((y - level) / (TARGET_SCALE * spread));
                level += lambdaLevel * Math.max(-CLIP * spread, Math.min(CLIP * spread, y - level));
            }
            push(y);
        }
        scorer.calibrate(residuals, n);
        lastTime = warmTimes[w - 1];
        running = true;
        warmTimes = null;
        warmValues = null;
        warmCount = 0;
    }

    private static long medianLong(long[] a, int n) {
        long[] s = java.util.Arrays.copyOf(a, n);
        java.util.Arrays.sort(s);
        return s[n / 2];
    }

    /** The evidence of the last scored point. */
    private Step step() {
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("forecast", number(lastForecast));
        why.put("residual", number(lastResidual));
        why.put("score", number(lastScore));
        why.put("surprise", number(lastSurprise));
        why.put("alarm_level", number(calibration.level()));
        why.put("p_short", number(scorer.pShort));
        why.put("p_level", number(scorer.pLevel));
        why.put("p_scale", number(scorer.pScale));
        why.put("p_drift", number(drift.p));
        why.put("p_structure", number(structure.p));
        why.put("standardised_residual", number(scorer.u));
        why.put("level", number(level));
        why.put("residual_scale", number(scorer.scale() * spread));
        why.put("drift", number(drift.d * spread));
        why.put("lag_correlation", number(structure.r));
        double[] recent = new double[m];
        // the values the forecast used: the one pushed out by this point, then all but the newest
        recent[0] = evicted;
        for (int i = 0; i < m - 1; i++) {
            recent[i + 1] = recent(i);
        }
        why.put("recent", vector(recent));
        why.put("kernel", text(kernel.kind().configName()));
        why.put("bandwidth", number(kernel.bandwidth()));
        why.put("dictionary", integer(regressor.dictionarySize()));
        why.put("algorithm", text(p.algorithm().name().toLowerCase(java.util.Locale.ROOT)));
        why.put("incident_points", integer(open ? incidentLength + 1 : 0));
        double level = calibration.level();
        return new Step(observations, lastScore, lastP, null, level > 0 ? score(surprise(level)) : 1.0, lastAlarm,
                lastClear, why);
    }

    @Override
    public double lastScore() {
        return lastScore;
    }

    @Override
    public double lastSurprise() {
        return lastSurprise;
    }

    /** The p-value an incident onset needs now ({@link OnsetCalibration}); the configured rate at most. */
    public double alarmLevel() {
        return calibration.level();
    }

    @Override
    public boolean lastAlarm() {
        return lastAlarm;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The kernel chosen for this key (null during warm-up). */
    public Kernel kernel() {
        return kernel;
    }

    public int dictionarySize() {
        return regressor == null ? 0 : regressor.dictionarySize();
    }

    /** The residual scorer (tests read its last tail probabilities). */
    ResidualScorer scorer() {
        return scorer;
    }

    DriftView drift() {
        return drift;
    }

    StructureView structure() {
        return structure;
    }

    public long skipped() {
        return skipped;
    }

    public long gaps() {
        return gaps;
    }

    public long incidents() {
        return incidents;
    }

    public double lastForecast() {
        return lastForecast;
    }

    @Override
    public int stateBytes() {
        int bytes = HEADER_BYTES;
        if (!running) {
            return bytes + 4 + 16 * warmCount;
        }
        return bytes + RUNNING_FIXED_BYTES + 8 * ringCount + 8 * recalibrationCount + regressor.stateBytes();
    }

    /** Header bytes (version, observations, flags, three counters). */
    static final int HEADER_BYTES = 2 + 8 + 1 + 3 * 8;
    /** Running-phase bytes apart from the shingle, the recalibration buffer and the regression. */
    static final int RUNNING_FIXED_BYTES = 1 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + ResidualScorer.BYTES + 4 * 4
            + DriftView.BYTES + StructureView.BYTES + OnsetCalibration.BYTES;

    /**
     * Layout, big-endian: {@code short version; long observations; byte flags (1 running, 2 incident
     * open); long skipped; long gaps; long incidents;} then during warm-up {@code int n; n × (long time,
     * double value)}, else {@code byte kernel; double bandwidth; double centre; double spread; long
     * interval; double level; long last time; int shingle count; shingle doubles (oldest first); scorer (104 bytes); int incident length; int quiet run; int recalibration left;
     * int recalibration count; that many doubles; drift view (64 bytes: fast and slow level, its null);
     * structure view (64 bytes: cross and square means, its null);} regression (dictionary count, points,
     * packed Cholesky factor, then AOGD: a, G, ‖f‖² — NONS: w, packed A⁻¹).
     *
     * <p>Version 1 (still read): the same up to the recalibration doubles, then {@code double reserved}
     * instead of the two views. Restored from it, the views start at the current level with an empty
     * null, so they stay quiet until they have learnt the series again (see {@link EmpiricalNull}).
     */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeLong(observations);
        out.writeByte((running ? FLAG_RUNNING : 0) | (open ? FLAG_OPEN : 0));
        out.writeLong(skipped);
        out.writeLong(gaps);
        out.writeLong(incidents);
        if (!running) {
            out.writeInt(warmCount);
            for (int i = 0; i < warmCount; i++) {
                out.writeLong(warmTimes[i]);
                out.writeDouble(warmValues[i]);
            }
            return;
        }
        out.writeByte(kernel.kind().ordinal());
        out.writeDouble(kernel.bandwidth());
        out.writeDouble(center);
        out.writeDouble(spread);
        out.writeLong(interval);
        out.writeDouble(level);
        out.writeLong(lastTime);
        out.writeInt(ringCount);
        for (int i = 0; i < ringCount; i++) {
            out.writeDouble(ring[(ringNext - ringCount + i + m) % m]);
        }
        scorer.write(out);
        out.writeInt(incidentLength);
        out.writeInt(quietRun);
        out.writeInt(recalibrationLeft);
        out.writeInt(recalibrationCount);
        StateOutput.writeDoubles(out, recalibration, 0, recalibrationCount);
        drift.write(out);
        structure.write(out);
        calibration.write(out);
        regressor.write(out);
    }

    void readState(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_2 && version != FORMAT_VERSION_1) {
            throw new IOException("kernel-forecast state: unknown format version " + version
                    + " (this build reads versions " + FORMAT_VERSION_1 + " to " + FORMAT_VERSION + ")");
        }
        observations = in.readLong();
        int flags = in.readUnsignedByte();
        running = (flags & FLAG_RUNNING) != 0;
        open = (flags & FLAG_OPEN) != 0;
        skipped = in.readLong();
        gaps = in.readLong();
        incidents = in.readLong();
        if (!running) {
            int n = in.readInt();
            if (n < 0 || n >= p.warmUp()) {
                throw new IOException("kernel-forecast state: warm-up of " + n + " points does not fit warm-up " + p.warmUp());
            }
            warmCount = n;
            for (int i = 0; i < n; i++) {
                warmTimes[i] = in.readLong();
                warmValues[i] = in.readDouble();
            }
            return;
        }
        warmTimes = null;
        warmValues = null;
        int kind = in.readUnsignedByte();
        if (kind >= KernelKind.values().length) {
            throw new IOException("kernel-forecast state: unknown kernel " + kind);
        }
        kernel = Kernels.of(KernelKind.values()[kind], in.readDouble());
        center = in.readDouble();
        spread = in.readDouble();
        interval = in.readLong();
        level = in.readDouble();
        lastTime = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > m) {
            throw new IOException("kernel-forecast state: shingle of " + count + " values does not fit shingle " + m);
        }
        ringCount = count;
        ringNext = count % m;
        for (int i = 0; i < count; i++) {
            ring[i] = in.readDouble();
        }
        scorer.read(in);
        incidentLength = in.readInt();
        quietRun = in.readInt();
        recalibrationLeft = in.readInt();
        recalibrationCount = in.readInt();
        if (recalibrationCount < 0 || recalibrationCount > recalibration.length || recalibrationLeft < 0
                || recalibrationLeft > recalibration.length) {
            throw new IOException("kernel-forecast state: recalibration buffer out of range");
        }
        StateInput.readDoubles(in, recalibration, 0, recalibrationCount);
        if (version == FORMAT_VERSION_1) {
            in.readDouble();
            drift.start((level - center) / spread);
            structure.start();
        } else {
            drift.read(in);
            structure.read(in);
        }
        if (version == FORMAT_VERSION) {
            calibration.read(in);
        } else {
            calibration.reset();
        }
        regressor = factory.newRegressor(kernel);
        regressor.read(in);
    }
}
