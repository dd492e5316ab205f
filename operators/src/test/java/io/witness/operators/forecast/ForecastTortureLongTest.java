package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.TortureSeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The long version of {@link ForecastTortureTest}: the default r = 10⁻⁴, 20 series × 50,000 points per
 * kind (~1,000,000 scored points, ~100 onsets allowed), target ≤ 1.5 × r, bound r·T + 2 per series.
 */
@Tag("long")
class ForecastTortureLongTest {

    @ParameterizedTest
    @EnumSource(TortureSeries.class)
    void onsetRateStaysWithinTheBoundAtTheDefaultRate(TortureSeries kind) {
        ForecastFactory f = ForecastMethod.defaults();
        ForecastTortureTest.Tally t = ForecastTortureTest.run(kind, f, 20, 50_000, 300_000);
        ForecastTortureTest.assertBounded(t, f.parameters().falseAlarmRate(), 1.5);
    }
}
