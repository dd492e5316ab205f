package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.TortureSeries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alarm onsets on the torture set ({@link TortureSeries}: heavy tails, AR(1) φ = 0.95 and 0.99, random
 * walks, variance regimes, bursty counts, quantised values, flatlines, seasonality with drift, gaps),
 * where no model of the residuals is right. The guarantee under test is the one of the onset
 * calibration (OnsetCalibration): in any stretch of T scored points of a key, onsets ≤ r·T + 2,
 * whatever the series. Checked per series (the bound itself) and in total (the target: at
 * most 1.5 × the configured rate r).
 *
 * <p>Fast version: r = 10⁻³ (so that a few series give ~60 expected onsets), 6 series × 10,000 points
 * per kind. The long version ({@link ForecastTortureLongTest}) runs the default r = 10⁻⁴ on 20 series ×
 * 50,000 points per kind.
 */
class ForecastTortureTest {

    /** Onsets and scored points over a set of series, and the largest per-series excess over r·T. */
    record Tally(long onsets, long scored, double worstExcess) {
        double perPoint() {
            return (double) onsets / scored;
        }
    }

    static Tally run(TortureSeries kind, ForecastFactory factory, int series, int points, long seed0) {
        long onsets = 0;
        long scored = 0;
        double worst = Double.NEGATIVE_INFINITY;
        double rate = factory.parameters().falseAlarmRate();
        for (int s = 0; s < series; s++) {
            LabelledSeries ls = kind.generate(points, seed0 + s);
            ForecastSimulation.Outcome o = ForecastSimulation.run(factory, ls);
            onsets += o.onsetsOutside();
            scored += o.scoredPoints();
            worst = Math.max(worst, o.onsetsOutside() - rate * o.scoredPoints());
        }
        Tally t = new Tally(onsets, scored, worst);
        System.out.printf(Locale.ROOT, "torture %s r=%.0e: %d onsets in %d scored points = %.2f x r (worst series: "
                        + "r*T %+.2f)%n", kind, rate, onsets, scored, t.perPoint() / rate, worst);
        return t;
    }

    static void assertBounded(Tally t, double rate, double target) {
        assertThat(t.worstExcess()).as("onsets <= r*T + 2 on every series").isLessThanOrEqualTo(2.0);
        assertThat(t.perPoint()).as("onset rate against r = %s", rate).isLessThanOrEqualTo(target * rate);
    }

    @ParameterizedTest
    @EnumSource(TortureSeries.class)
    void onsetRateStaysWithinTheBound(TortureSeries kind) {
        double rate = 1e-3;
        Tally t = run(kind, ForecastMethod.with(Map.of("false-alarm-rate", rate)), 6, 10_000, 7_000);
        assertBounded(t, rate, 1.5);
    }
}
