package io.witness.operators.forecast;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The drift view: has the level moved away from where it has been, by more than it normally does?
 *
 * <p>Why: the forecaster's level (horizon {@code level-horizon}) and its fast-learning regression follow
 * a slow trend, so the residuals of a +5σ-over-300-points ramp stay near zero and the residual views
 * never see it. This view compares two exponentially weighted means of the values themselves, in
 * units of the warm-up spread: a fast one ℓ_f (horizon {@code level-horizon}, the forecaster's own pace,
 * never frozen) and a slow reference ℓ_s (horizon {@code drift-horizon}, learnt only at normal points, so
 * it stays where normal was during an incident). Their difference {@code d = ℓ_f − ℓ_s} is a band-pass
 * view of the series: near 0 for a stationary series, about slope × (drift horizon − level horizon) for
 * a trend. Both steps are clipped at ±3 spreads like the forecaster's level, so one spike moves d by at
 * most 3/{@code level-horizon}.
 *
 * <p>Null: d has mean 0; its variance depends on the series' own slow behaviour (an AR(1) or a cycle
 * passes through the band), which no residual model gives, so it is learnt by an {@link EmpiricalNull}
 * (uncentred, long memory) with the white-noise variance of d as the floor:
 * {@code σ_r²·(λf/(2−λf) + λs/(2−λs) − 2λfλs/(λf+λs−λfλs))}, σ_r the residual scale.
 * Because ℓ_f keeps moving in an incident, the view goes quiet when the series returns to where ℓ_s
 * holds it, and the incident can close.
 *
 * <p>State: {@value #BYTES} bytes.
 */
final class DriftView {

    static final double CLIP = 3.0;

    private final double lambdaFast;
    private final double lambdaSlow;
    private final double whiteFactor;
    private final EmpiricalNull nul;

    // ---- state ----
    private double fast;
    private double slow;

    // ---- last point (not state) ----
    double d;
    double z;
    double p = 1.0;
    /** log10 p without underflow (for the surprise). */
    double log10p;

    DriftView(int levelHorizon, int driftHorizon, int memory) {
        this.lambdaFast = 1.0 / levelHorizon;
        this.lambdaSlow = 1.0 / driftHorizon;
        double lf = lambdaFast;
        double ls = lambdaSlow;
        this.whiteFactor = lf / (2 - lf) + ls / (2 - ls) - 2 * lf * ls / (lf + ls - lf * ls);
        this.nul = new EmpiricalNull(memory, false);
    }

    /** Starts both levels at {@code level} (standardised units) and forgets the null. */
    void start(double level) {
        fast = level;
        slow = level;
        nul.reset();
    }

    /** Moves the fast level to y (standardised units) and scores the drift; returns p. */
    double score(double y, double residualScale) {
        fast += lambdaFast * Math.max(-CLIP, Math.min(CLIP, y - fast));
        d = fast - slow;
        double floor = residualScale * residualScale * whiteFactor;
        z = nul.z(d, floor);
        p = nul.p(d, floor);
        log10p = nul.log10P(d, floor);
        return p;
    }

    /**
     * A normal point: the slow reference moves towards y and the null learns the last d — unless d
     * itself looks unusual ({@link EmpiricalNull#LEARN_LEVEL}), so a drift that is building up does not
     * drag its own reference along or widen its own yardstick before it alarms.
     */
    void absorb(double y) {
        if (p > EmpiricalNull.LEARN_LEVEL) {
            nul.absorb(d);
            slow += lambdaSlow * Math.max(-CLIP, Math.min(CLIP, y - slow));
        }
    }

    /** The fast level in standardised units (follows the series also during incidents). */
    double fastLevel() {
        return fast;
    }

    double slowLevel() {
        return slow;
    }

    static final int BYTES = 2 * 8 + EmpiricalNull.BYTES;

    void write(DataOutput out) throws IOException {
        out.writeDouble(fast);
        out.writeDouble(slow);
        nul.write(out);
    }

    void read(DataInput in) throws IOException {
        fast = in.readDouble();
        slow = in.readDouble();
        nul.read(in);
    }
}
