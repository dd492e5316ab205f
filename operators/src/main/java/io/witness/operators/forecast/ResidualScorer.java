package io.witness.operators.forecast;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns forecast residuals into a calibrated tail probability, over a short and a long horizon.
 *
 * <p><b>Standardising.</b> A robust, exponentially weighted location and scale of the residuals
 * (winsorised at ±3 scales, so one spike moves neither; weight max(1/n, λ_slow), λ_slow =
 * 1/{@code calibration-horizon}): {@code u = (r − loc)/scale}. The scale is floored at
 * {@value #SCALE_FLOOR} (a thousandth of the series' warm-up spread: smaller changes carry no
 * information).
 *
 * <p><b>Three views of the same residuals</b>, each a two-sided tail probability:
 * <ul>
 * <li>short (spikes): {@code P(|u| > |u_t|)} under the adaptive {@link TailModel};</li>
 * <li>long, level (sustained shifts, trend breaks): {@code v = EW_λL(clip(u, ±4) − m₁)}, Gaussian
 * tail of {@code v/s_v};</li>
 * <li>long, scale (variance changes, flatlines, frequency changes): {@code w = EW_λL(min(u², 16))/m₂},
 * an EW mean of squares, which is skewed: it is treated as a Gamma variable with mean 1 and the
 * variance below (Satterthwaite), and its two-sided tail computed through the Wilson–Hilferty cube
 * root, which is accurate for the ~30+ effective degrees of freedom a long horizon of 32 gives. A
 * Gaussian tail there would alarm several times too often on upward noise.</li>
 * </ul>
 * λL = 1/{@code long-horizon}; m₁, m₂, m₄ are slow means of clip(u), clip(u)², clip(u)⁴. The variance of an
 * EW mean of independent terms is λL/(2−λL)·var; residuals are not quite independent, so the
 * variance is inflated by the AR(1) factor of their slow lag-1 autocorrelation ({@link #inflation}),
 * and {@code s_v² = max(that, slow EW of v²)} (likewise s_w): the empirical part catches dependence the
 * AR(1) factor misses; the model part keeps a noisy empirical estimate from ever lowering the bar. Clipping at ±4 makes one spike
 * worth at most about one standard deviation of v: spikes are the short view's job.
 *
 * <p><b>Combination</b> with the drift and structure views: {@link ForecastModel} (weighted
 * Bonferroni). Where each view's model holds, it is a marginal tail probability, so P(p ≤ a) ≤ a per
 * point; on series where the models are wrong it is not, which is why the alarm level is calibrated on
 * onsets ({@link OnsetCalibration}) rather than set to the rate.
 *
 * <p><b>Learning only from normal points.</b> The slow statistics (location, scale, m₁, a₁, v², w², the
 * tail) absorb a point only when the caller says so — not during an incident — so an anomaly never
 * becomes the yardstick it is measured with.
 *
 * <p>State: {@value #BYTES} bytes.
 */
final class ResidualScorer {

    static final double CLIP = 3.0;
    static final double LONG_CLIP = 4.0;
    static final double SCALE_FLOOR = 1e-3;
    /** The tail statistics remember this many calibration horizons: exceedances of 3σ are rare. */
    static final int TAIL_HORIZON_FACTOR = 8;
    static final double MAX_AUTOCORRELATION = 0.95;
    /** Below this mean square of the standardised residuals the scale view is off (constant series). */
    static final double DEGENERATE_M2 = 1e-6;
    /** E[min(Z², 9)] for a standard normal: the winsorised second moment, to debias the scale. */
    static final double KAPPA;
    private static final NormalDistribution STD = NormalDistribution.of(0, 1);

    static {
        double c = CLIP;
        double inside = (1 - 2 * STD.survivalProbability(c)) - 2 * c * STD.density(c);
        KAPPA = inside + c * c * 2 * STD.survivalProbability(c);
    }

    private final double lambdaSlow;
    private final double lambdaTail;
    private final double lambdaLong;
    private final double longFactor;

    // ---- state ----
    private long n;
    private double loc;
    private double scale2;
    private double m1;
    private double m2;
    /** Slow mean of clip(u)⁴ (for the variance of the squares). */
    private double m4;
    private double vv;
    private double vw;
    private double v;
    private double w;
    private double prevCu;
    private double c1v;
    private double c1w;
    private final TailModel tail = new TailModel();

    // ---- last score (not state) ----
    double u;
    double pShort;
    double zLevel;
    double zScale;
    double pLevel;
    double pScale;
    /** log10 of pShort, pLevel, pScale without underflow (for the surprise). */
    double log10Short;
    double log10Level;
    double log10Scale;

    ResidualScorer(int longHorizon, int calibrationHorizon) {
        this.lambdaSlow = 1.0 / calibrationHorizon;
        this.lambdaTail = lambdaSlow / TAIL_HORIZON_FACTOR;
        this.lambdaLong = 1.0 / longHorizon;
        this.longFactor = lambdaLong / (2 - lambdaLong);
    }

    /**
     * Starts (or restarts) calibration from a batch of residuals: location = median, scale =
     * 1.4826·MAD (falling back to the mean absolute deviation, then the floor), the long views at 0 and
     * the slow means re-learnt from this batch.
     */
    void calibrate(double[] residuals, int count) {
        double[] r = Arrays.copyOf(residuals, count);
        loc = Robust.median(r);
        double s = Robust.scale(r, loc);
        scale2 = Math.max(s, SCALE_FLOOR) * Math.max(s, SCALE_FLOOR);
        n = 0;
        m1 = 0;
        m2 = 1;
        m4 = 3;
        vv = 0;
        vw = 0;
        v = 0;
        w = 1;
        c1v = 0;
        c1w = 0;
        prevCu = 0;
        for (int i = 0; i < count; i++) {
            score(residuals[i]);
            absorb(residuals[i]);
        }
        v = 0;
        w = m2;
    }

    /** Scores residual r: sets u and the three tail probabilities. */
    void score(double r) {
        double scale = Math.sqrt(scale2);
        u = (r - loc) / scale;
        double cu = Math.max(-LONG_CLIP, Math.min(LONG_CLIP, u));
        double sq = cu * cu;
        v += lambdaLong * (cu - m1 - v);
        w += lambdaLong * (sq - w);
        double varCu = Math.max(m2 - m1 * m1, 1e-12);
        double varSq = Math.max(m4 - m2 * m2, 1e-12);
        double sv = Math.sqrt(Math.max(longFactor * varCu * inflation(c1v / varCu), vv));
        // w/m₂ ~ Gamma with mean 1 and relative variance longFactor·var(sq)/m₂²·inflation (or the
        // empirical one if larger); Wilson–Hilferty: (w/m₂)^(1/3) ≈ N(1 − h, h), h = relVar/9
        double relVar = Math.max(longFactor * varSq * inflation(c1w / varSq), vw) / (m2 * m2);
        double h = relVar / 9;
        zLevel = v / sv;
        // residuals that never move (a constant series) leave no scale to compare with: no scale view then
        zScale = m2 < DEGENERATE_M2 ? 0.0 : (Math.cbrt(Math.max(w / m2, 0.0)) - (1 - h)) / Math.sqrt(h);
        pShort = Math.min(1.0, tail.survival(Math.abs(u)));
        pLevel = 2 * STD.survivalProbability(Math.abs(zLevel));
        pScale = 2 * STD.survivalProbability(Math.abs(zScale));
        log10Short = pShort >= 1e-300 ? Math.log10(pShort) : tail.log10Survival(Math.abs(u));
        log10Level = LogTails.log10TwoSidedNormal(zLevel);
        log10Scale = LogTails.log10TwoSidedNormal(zScale);
    }

    /**
     * Variance factor of an EW mean of AR(1)-correlated terms relative to independent ones:
     * {@code (1 + ρ(1−λ)) / (1 − ρ(1−λ))}, ρ the lag-1 autocorrelation clamped to [0, 0.95].
     */
    private double inflation(double rho) {
        double r = Math.min(Math.max(rho, 0.0), MAX_AUTOCORRELATION) * (1 - lambdaLong);
        return (1 + r) / (1 - r);
    }

    /** Lets the last scored residual r update the slow statistics (only normal points). */
    void absorb(double r) {
        n++;
        double wt = Math.max(1.0 / n, lambdaSlow);
        double scale = Math.sqrt(scale2);
        double d = r - loc;
        double cd = Math.max(-CLIP * scale, Math.min(CLIP * scale, d));
        loc += wt * cd;
        scale2 += wt * (Math.min(d * d, CLIP * CLIP * scale2) / KAPPA - scale2);
        scale2 = Math.max(scale2, SCALE_FLOOR * SCALE_FLOOR);
        double cu = Math.max(-LONG_CLIP, Math.min(LONG_CLIP, u));
        double sq = cu * cu;
        m1 += wt * (cu - m1);
        m2 += wt * (sq - m2);
        m4 += wt * (sq * sq - m4);
        vv += wt * (v * v - vv);
        vw += wt * ((w - m2) * (w - m2) - vw);
        // lag-1 autocovariances of clip(u) and |clip(u)| (the previous absorbed point; after a skipped
        // stretch this pairs non-neighbours, which only biases ρ towards 0 for that one term)
        c1v += wt * ((cu - m1) * (prevCu - m1) - c1v);
        c1w += wt * ((sq - m2) * (prevCu * prevCu - m2) - c1w);
        prevCu = cu;
        tail.update(Math.abs(u), lambdaTail);
    }

    /** Forgets the long views (after a regime is accepted). */
    void resetLong() {
        v = 0;
        w = m2;
    }

    double location() {
        return loc;
    }

    double scale() {
        return Math.sqrt(scale2);
    }

    double levelView() {
        return v;
    }

    double scaleView() {
        return w;
    }

    static final int BYTES = 8 + 12 * 8 + TailModel.BYTES;

    void write(DataOutput out) throws IOException {
        out.writeLong(n);
        out.writeDouble(loc);
        out.writeDouble(scale2);
        out.writeDouble(m1);
        out.writeDouble(m2);
        out.writeDouble(m4);
        out.writeDouble(vv);
        out.writeDouble(vw);
        out.writeDouble(v);
        out.writeDouble(w);
        out.writeDouble(prevCu);
        out.writeDouble(c1v);
        out.writeDouble(c1w);
        tail.write(out);
    }

    void read(DataInput in) throws IOException {
        n = in.readLong();
        loc = in.readDouble();
        scale2 = in.readDouble();
        m1 = in.readDouble();
        m2 = in.readDouble();
        m4 = in.readDouble();
        vv = in.readDouble();
        vw = in.readDouble();
        v = in.readDouble();
        w = in.readDouble();
        prevCu = in.readDouble();
        c1v = in.readDouble();
        c1w = in.readDouble();
        tail.read(in);
    }
}
