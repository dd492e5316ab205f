package io.witness.operators.hawkes;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * The time-rescaling goodness-of-fit test (spec §A.8): under the model, the compensator increments
 * between consecutive events of a type are i.i.d. Exp(1); the one-sample Kolmogorov–Smirnov test of the
 * pooled increments against Exp(1) (Commons Statistics: exact p-value for small samples, asymptotic
 * for large) says how well the fitted intensity explains the events.
 */
public final class TimeRescalingTest {
    private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

    private TimeRescalingTest() {
    }

    /** KS p-value of rescaled gaps {@code τ_n} against Exp(1); 1 for an empty sample. */
    public static double pValueOfGaps(double[] gaps) {
        if (gaps.length == 0) {
            return 1.0;
        }
        return KS.test(gaps, x -> x <= 0 ? 0 : -Math.expm1(-x)).getPValue();
    }

    /** KS p-value of {@code u_n = 1 − e^{−τ_n}} against U(0, 1) (the same test). */
    public static double pValueOfUniforms(double[] u) {
        if (u.length == 0) {
            return 1.0;
        }
        return KS.test(u, x -> Math.min(1, Math.max(0, x))).getPValue();
    }

    /** The KS statistic D of uniforms. */
    public static double statisticOfUniforms(double[] u) {
        return u.length == 0 ? 0 : KS.statistic(u, x -> Math.min(1, Math.max(0, x)));
    }
}
