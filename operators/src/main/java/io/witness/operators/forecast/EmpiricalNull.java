package io.witness.operators.forecast;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The null distribution of a slowly moving statistic s (an exponentially weighted mean over some
 * horizon), learnt from the series itself, for the views whose variance no residual model gives (the
 * drift and structure views): a slowly moving statistic is driven by the series' own low-frequency
 * behaviour, which the forecaster's residuals do not describe.
 *
 * <ul>
 * <li><b>Moments</b>, over a long memory ({@code 1/λ} points; weight max(1/n, λ) so the first points
 * are a plain mean): the mean μ of s (or 0 when not {@code centred}: a drift has mean 0 under the null,
 * and the uncentred second moment is the conservative choice), the mean square
 * {@code V = E[(s − μ)²]} and the mean squared step {@code D = E[(s_t − s_{t−1})²]}.</li>
 * <li><b>Degrees of freedom.</b> Neighbouring values of s are nearly the same, so V rests on far fewer
 * than n independent values. With ρ = 1 − D/(2V), the lag-1 autocorrelation of s, an AR(1) s has
 * {@code ν = n_eff·(1 − ρ²)/(1 + ρ²)} independent squares in its estimate (n_eff = 1/Σw², Kish's
 * effective size of the weights). A series whose s swings slowly (a daily cycle seen by a drift view)
 * gets few degrees of freedom and so a cautious tail.</li>
 * <li><b>Tail.</b> {@code z = (s − μ)/√max(floor, V)} (floor: the view's model variance, the least s
 * varies by sampling alone), read as a Student t with ν degrees of freedom, because V is itself an
 * estimate. The two-sided tail uses Wallace's (1959) normal deviate
 * {@code z' = √(ν·ln(1 + z²/ν))·(8ν+1)/(8ν+3)}, whose tail is never below the exact one where it
 * matters (checked against Commons Statistics' t in the tests) and costs a logarithm.</li>
 * </ul>
 * Only normal points are absorbed (the caller's rule), so an anomaly never widens its own yardstick.
 *
 * <p>State: {@value #BYTES} bytes.
 */
final class EmpiricalNull {

    static final double MAX_AUTOCORRELATION = 0.9999;
    /**
     * The drift view absorbs a value only while its own two-sided p is above this (|z| below about 3.3
     * for a Gaussian): a drift that builds up slowly stops feeding its own null before it alarms. Cutting
     * a Gaussian at |z| = 3.29 lowers its variance by 1.2 %, i.e. z by 0.6 %: negligible next to the
     * sampling error of the variance itself.
     */
    static final double LEARN_LEVEL = 1e-3;
    private static final NormalDistribution STD = NormalDistribution.of(0, 1);

    private final double lambda;
    private final boolean centred;

    // ---- state ----
    private long n;
    private double sumW2;
    private double mean;
    private double var;
    private double step2;
    private double prev;

    EmpiricalNull(int memory, boolean centred) {
        this.lambda = 1.0 / memory;
        this.centred = centred;
    }

    /** Forgets everything (a regime was accepted): the next absorbed values start a plain mean again. */
    void reset() {
        n = 0;
        sumW2 = 0;
        mean = 0;
        var = 0;
        step2 = 0;
        prev = 0;
    }

    /** Lets value s of the statistic (at a normal point) update the moments. */
    void absorb(double s) {
        n++;
        double wt = Math.max(1.0 / n, lambda);
        sumW2 = (1 - wt) * (1 - wt) * sumW2 + wt * wt;
        if (centred) {
            mean += wt * (s - mean);
        }
        double d = s - mean;
        var += wt * (d * d - var);
        double step = n == 1 ? 0.0 : s - prev;
        step2 += wt * (step * step - step2);
        prev = s;
    }

    /** Standardised value of s against a variance floor (its model variance). */
    double z(double s, double floor) {
        return (s - mean) / Math.sqrt(Math.max(floor, var));
    }

    /** Effective degrees of freedom of the variance estimate (0 before anything is learnt). */
    double degreesOfFreedom() {
        if (n < 2 || !(var > 0)) {
            return 0.0;
        }
        double rho = Math.min(Math.max(1 - step2 / (2 * var), 0.0), MAX_AUTOCORRELATION);
        double r2 = rho * rho;
        return (1 - r2) / (1 + r2) / sumW2;
    }

    /** Two-sided tail probability of z under Student t with nu degrees of freedom (1 for nu ≤ 0). */
    static double twoSidedT(double z, double nu) {
        if (!(nu > 0)) {
            return 1.0;
        }
        double deviate = Math.sqrt(nu * Math.log1p(z * z / nu)) * (8 * nu + 1) / (8 * nu + 3);
        return Math.min(1.0, 2 * STD.survivalProbability(deviate));
    }

    /** log10 of {@link #twoSidedT} without underflow (the same deviate, its normal tail in log space). */
    static double log10TwoSidedT(double z, double nu) {
        if (!(nu > 0)) {
            return 0.0;
        }
        double deviate = Math.sqrt(nu * Math.log1p(z * z / nu)) * (8 * nu + 1) / (8 * nu + 3);
        return LogTails.log10TwoSidedNormal(deviate);
    }

    /** log10 of {@link #p}, without underflow. */
    double log10P(double s, double floor) {
        return log10TwoSidedT(z(s, floor), degreesOfFreedom());
    }

    /** Two-sided tail probability of s against this null and the floor. */
    double p(double s, double floor) {
        return twoSidedT(z(s, floor), degreesOfFreedom());
    }

    double mean() {
        return mean;
    }

    long count() {
        return n;
    }

    static final int BYTES = 8 + 5 * 8;

    void write(DataOutput out) throws IOException {
        out.writeLong(n);
        out.writeDouble(sumW2);
        out.writeDouble(mean);
        out.writeDouble(var);
        out.writeDouble(step2);
        out.writeDouble(prev);
    }

    void read(DataInput in) throws IOException {
        n = in.readLong();
        sumW2 = in.readDouble();
        mean = in.readDouble();
        var = in.readDouble();
        step2 = in.readDouble();
        prev = in.readDouble();
    }
}
