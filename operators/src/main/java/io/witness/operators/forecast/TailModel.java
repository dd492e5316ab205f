package io.witness.operators.forecast;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Tail probability {@code P(|u| > x)} of standardised residuals: peaks over a threshold q₀ = 3 with a
 * generalised Pareto tail (the POT approach of SPOT, Siffer et al. 2017) whose parameters come from
 * exponentially weighted moments, so the alarm level adapts to heavy-tailed residuals instead of
 * trusting a Gaussian tail far out.
 *
 * <ul>
 * <li>Statistics: exponentially weighted sums (rate λ, a horizon of 1/λ points) of the count of
 * |u| > q₀ and of the first two moments of the excess |u| − q₀, plus a fixed prior of
 * {@value #PRIOR_POINTS} points of standard-normal behaviour (p₀ = 0.0027, mean excess 0.283) that
 * never decays: with exceedances this rare, a purely exponentially weighted estimate swings by a factor
 * of several within a horizon and would make false alarms whenever it swings low.</li>
 * <li>Shape by the method of moments, {@code ξ = ½(1 − m²/s²)}, clamped to [0, 0.45]: ξ &lt; 0 (a finite
 * end point, which would make every larger residual "impossible") is replaced by the exponential tail;
 * 0.45 keeps the moments finite. Scale {@code β = m(1−ξ)} (the GPD mean excess is β/(1−ξ)).</li>
 * <li>{@code P(|u| > x) = max(Gaussian two-sided tail, p₀ (1 + ξ(x−q₀)/β)^(−1/ξ))} beyond q₀ (ξ = 0:
 * {@code p₀ e^(−(x−q₀)/β)}); the Gaussian floor means an estimate that happens to come out light never
 * makes the tail thinner than a normal one. Below q₀: the Gaussian tail rescaled to meet p₀ at q₀.</li>
 * </ul>
 * State: 4 doubles.
 */
final class TailModel {

    static final double Q0 = 3.0;
    static final double MAX_SHAPE = 0.45;
    static final double PRIOR_POINTS = 1024;
    private static final NormalDistribution STD = NormalDistribution.of(0, 1);
    static final double GAUSS_P0 = 2 * STD.survivalProbability(Q0);
    /** E[|Z| − 3 | |Z| > 3] = φ(3)/Φ̄(3) − 3. */
    static final double GAUSS_MEAN_EXCESS = STD.density(Q0) / STD.survivalProbability(Q0) - Q0;
    /** E[(|Z| − 3)² | |Z| > 3] = 1 − 3h + 9 with h = φ(3)/Φ̄(3) (Mills ratio identities). */
    static final double GAUSS_SECOND_EXCESS;

    static {
        double h = STD.density(Q0) / STD.survivalProbability(Q0);
        GAUSS_SECOND_EXCESS = 1 - Q0 * h + Q0 * Q0;
    }

    private double weight;
    private double count;
    private double sum1;
    private double sum2;

    void update(double absU, double lambda) {
        double keep = 1 - lambda;
        weight = keep * weight + 1;
        if (absU > Q0) {
            double x = absU - Q0;
            count = keep * count + 1;
            sum1 = keep * sum1 + x;
            sum2 = keep * sum2 + x * x;
        } else {
            count *= keep;
            sum1 *= keep;
            sum2 *= keep;
        }
    }

    /** P(|u| > x) under the current model. */
    double survival(double x) {
        double p0 = exceedance();
        if (!(x > Q0)) {
            double gauss = 2 * STD.survivalProbability(Math.max(x, 0));
            return p0 + (1 - p0) * (gauss - GAUSS_P0) / (1 - GAUSS_P0);
        }
        double shape = fittedShape();
        double scale = fittedScale(shape);
        double excess = x - Q0;
        double pareto = shape < 1e-9 ? p0 * Math.exp(-excess / scale)
                : p0 * Math.pow(1 + shape * excess / scale, -1 / shape);
        return Math.max(pareto, 2 * STD.survivalProbability(x));
    }

    /** log10 of {@link #survival}, without underflow far in the tail. */
    double log10Survival(double x) {
        double p0 = exceedance();
        if (!(x > Q0)) {
            return Math.min(0.0, Math.log10(survival(x)));
        }
        double shape = fittedShape();
        double scale = fittedScale(shape);
        double excess = x - Q0;
        double lnPareto = shape < 1e-9 ? -excess / scale : -Math.log1p(shape * excess / scale) / shape;
        return Math.min(0.0, Math.max(Math.log10(p0) + lnPareto / Math.log(10), LogTails.log10TwoSidedNormal(x)));
    }

    /** Mean excess over q₀, prior and data. */
    private double excessMean() {
        return (PRIOR_POINTS * GAUSS_P0 * GAUSS_MEAN_EXCESS + sum1) / (PRIOR_POINTS * GAUSS_P0 + count);
    }

    /** The generalised Pareto shape by the method of moments, in [0, MAX_SHAPE]. */
    private double fittedShape() {
        double mean = excessMean();
        double second = (PRIOR_POINTS * GAUSS_P0 * GAUSS_SECOND_EXCESS + sum2) / (PRIOR_POINTS * GAUSS_P0 + count);
        double var = second - mean * mean;
        double shape = var > 0 ? 0.5 * (1 - mean * mean / var) : 0.0;
        return Math.min(Math.max(shape, 0.0), MAX_SHAPE);
    }

    private double fittedScale(double shape) {
        return Math.max(excessMean() * (1 - shape), 1e-12);
    }

    /** P(|u| > q₀): prior and data. */
    double exceedance() {
        return (PRIOR_POINTS * GAUSS_P0 + count) / (PRIOR_POINTS + weight);
    }

    static final int BYTES = 32;

    void write(DataOutput out) throws IOException {
        out.writeDouble(weight);
        out.writeDouble(count);
        out.writeDouble(sum1);
        out.writeDouble(sum2);
    }

    void read(DataInput in) throws IOException {
        weight = in.readDouble();
        count = in.readDouble();
        sum1 = in.readDouble();
        sum2 = in.readDouble();
    }
}
