package io.witness.operators.skit.sim;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts a simulated row against its spec row with the tolerances of {@link MonteCarloTolerance}. */
public final class SpecComparison {

    private SpecComparison() {
    }

    /** Prints the row's line, then checks rate and mean stopping time against the spec. */
    public static void assertMatches(SimulationSummary ours, SpecRow spec) {
        System.out.println(ours.line(spec));
        double z = MonteCarloTolerance.rateZ(ours.rejectionRate(), ours.runs(), spec.rejectionRate(), spec.runs());
        assertThat(Math.abs(z))
                .as("%s: rejection rate %.3f vs spec %.3f, |z| (pooled, %d vs %d runs)", spec.label(),
                        ours.rejectionRate(), spec.rejectionRate(), ours.runs(), spec.runs())
                .isLessThanOrEqualTo(MonteCarloTolerance.Z);
        double tol = MonteCarloTolerance.meanStoppingTolerance(ours, spec);
        assertThat(ours.meanStoppingPairs())
                .as("%s: mean stopping time (pairs) vs spec %.0f ± %.1f", spec.label(), spec.meanStoppingPairs(), tol)
                .isBetween(spec.meanStoppingPairs() - tol, spec.meanStoppingPairs() + tol);
        if (spec.beta() == 0.0) {
            assertLevel(ours, GaussianLinearConfig.ALPHA);
            double pUpper = MonteCarloTolerance.specRateUpper(spec);
            int max = MonteCarloTolerance.maxFalseAlarms(ours.runs(), pUpper);
            assertThat(ours.rejections())
                    .as("%s: false alarms in %d runs vs the spec's rate %.3f (+2 SE = %.4f allows ≤ %d)", spec.label(),
                            ours.runs(), spec.rejectionRate(), pUpper, max)
                    .isLessThanOrEqualTo(max);
        }
    }

    /** Ville's bound (§A.1 point 1): false alarms ≤ the upper 0.1 % quantile of Binomial(runs, α). */
    public static void assertLevel(SimulationSummary ours, double alpha) {
        int max = MonteCarloTolerance.maxFalseAlarms(ours.runs(), alpha);
        assertThat(ours.rejections())
                .as("%s: false alarms in %d runs under the null (α = %.2f allows ≤ %d)", ours.label(), ours.runs(),
                        alpha, max)
                .isLessThanOrEqualTo(max);
    }
}
