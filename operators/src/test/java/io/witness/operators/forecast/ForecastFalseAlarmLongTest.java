package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.Base;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The long version of {@link ForecastFalseAlarmTest}: 40 series × 20,000 points per null kind. */
@Tag("long")
class ForecastFalseAlarmLongTest {

    @ParameterizedTest
    @EnumSource(Base.class)
    void falseAlarmRateUnderTheNull(Base base) {
        int series = 40;
        int points = 20_000;
        double rate = ForecastFalseAlarmTest.onsetsPer10k(base, series, points, 100_000);
        assertThat(rate).isLessThanOrEqualTo(ForecastFalseAlarmTest.poissonUpper(
                ForecastFalseAlarmTest.documentedRate(base), (long) series * (points - 128)));
    }
}
