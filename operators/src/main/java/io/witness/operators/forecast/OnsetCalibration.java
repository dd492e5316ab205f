package io.witness.operators.forecast;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The alarm level of {@code kernel-forecast}: adaptive conformal inference (Gibbs &amp; Candès, NeurIPS 2021,
 * arXiv 2106.00170; spec online-methods.md §D.6) run on the <em>onset</em> indicator, with its level
 * clipped at the target. With r the configured {@code false-alarm-rate} and e_t = 1 when scored point t
 * opens an incident:
 *
 * <pre>
 *   an incident may open at t only if  α_t &gt; 0  and  p_t ≤ α_t
 *   α_{t+1} = min(r, α_t + γ (r − e_t)),   γ = r,   α_1 = r
 * </pre>
 *
 * <p><b>Guarantee, for every sequence</b> (no exchangeability, no stationarity, no model of the
 * residuals; p_t may be any number): since {@code e_t ≤ r + (α_t − α_{t+1})/γ} at every step (the clip
 * only lowers α_{t+1}), the onsets in any T consecutive scored points s..s+T−1 sum to at most
 * {@code r·T + (α_s − α_{s+T})/γ < r·T + r/γ + 1 = r·T + 2}: α never exceeds r, and never falls below
 * −γ(1 − r), because an onset needs α_t &gt; 0. This is the one-sided half of Gibbs &amp; Candès' bound
 * {@code |mean err − α| ≤ (max(α_1, 1 − α_1) + γ)/(γT)}: clipping at r removes the large
 * {@code 1 − α_1} term, which belongs to the lower side (their bound on under-coverage), and γ = r
 * makes the constant 2 onsets. So the long-run onset frequency is at most r, and at most 2r over any
 * stretch of ≥ 2/r points (20,000 at the default 10⁻⁴).
 *
 * <p><b>Power.</b> While no onset happened in the last 1/r scored points, α_t = r: the monitor alarms
 * exactly where the uncalibrated rule {@code p ≤ r} did, so on series whose p-values are right nothing
 * is lost. An onset spends the level (α drops to r²) and it grows back linearly, by r² per point, to r
 * after (1 − r)/r points: a second incident k points after the first needs p ≤ r²·k. On a series whose
 * p-values are too small (heavy tails, strong dependence) the level settles where its onset rate is r.
 *
 * <p>State: {@value #BYTES} bytes (α).
 */
final class OnsetCalibration {

    static final int BYTES = 8;

    private final double rate;
    private double level;

    OnsetCalibration(double rate) {
        this.rate = rate;
        this.level = rate;
    }

    /** The level α_t a p-value must reach to open an incident now (0: none can). */
    double level() {
        return Math.max(level, 0.0);
    }

    /** Whether an incident may open at p-value {@code p}. */
    boolean admits(double p) {
        return level > 0 && p <= level;
    }

    /** After each scored point: {@code onset} whether it opened an incident. */
    void update(boolean onset) {
        level = Math.min(rate, level + rate * (rate - (onset ? 1.0 : 0.0)));
    }

    /** Back to the start (α = r): for states written before this calibration existed. */
    void reset() {
        level = rate;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(level);
    }

    void read(DataInput in) throws IOException {
        double a = in.readDouble();
        if (Double.isNaN(a)) {
            throw new IOException("kernel-forecast state: alarm level is NaN");
        }
        // a savepoint taken under another false-alarm-rate: clamped into this rate's range (−r, r]
        level = Math.max(-rate, Math.min(rate, a));
    }
}
