package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection of each anomaly kind (fixed seeds, 10 series of 4,000 points, the anomaly at 3,000; a
 * detection is an alarm inside the anomaly's window, at least 20 points for a spike), with the
 * minimum detection counts and maximum median delays measured for the defaults. Trend breaks and
 * frequency changes on a daily cycle are the weak spots (documented in the README).
 *
 * <p>Slow trend breaks (+5σ over 300 points) and frequency changes (a cycle running twice as fast) are
 * what the drift and structure views are for; the forecaster alone detected none of them (0/10 in every
 * row below). The drift view learns the null of a strongly autocorrelated or cyclic series from the
 * series itself, so on those it needs history: those rows put the anomaly after 7,000 points.
 */
class ForecastDetectionTest {

    @ParameterizedTest(name = "{0} {1}: at least {2}/10, median delay <= {3}")
    @CsvSource({
            "IID, SPIKE, 6, 0",
            "IID, LEVEL_SHIFT, 9, 10",
            "IID, VARIANCE, 9, 10",
            "IID, FLATLINE, 9, 60",
            "AR1, SPIKE, 8, 0",
            "AR1, LEVEL_SHIFT, 8, 10",
            "AR1, VARIANCE, 9, 10",
            "AR1, FLATLINE, 8, 80",
            "CYCLE, VARIANCE, 9, 30",
            "CYCLE, FLATLINE, 8, 80",
            "DAILY, SPIKE, 8, 0",
            "DAILY, LEVEL_SHIFT, 8, 10",
            "DAILY, VARIANCE, 8, 10",
            "DAILY, FLATLINE, 7, 100",
            "IID, TREND_BREAK, 9, 80",
            "CYCLE, FREQUENCY, 9, 70",
    })
    void detects(Base base, AnomalyKind kind, int minDetected, int maxMedianDelay) {
        detects(base, kind, 4000, 3000, minDetected, maxMedianDelay);
    }

    @ParameterizedTest(name = "{0} {1} after 7,000 points: at least {2}/10, median delay <= {3}")
    @CsvSource({
            "AR1, TREND_BREAK, 6, 200",
            "CYCLE, TREND_BREAK, 8, 250",
    })
    void detectsSlowTrendsWithHistory(Base base, AnomalyKind kind, int minDetected, int maxMedianDelay) {
        detects(base, kind, 8000, 7000, minDetected, maxMedianDelay);
    }

    static void detects(Base base, AnomalyKind kind, int points, int start, int minDetected, int maxMedianDelay) {
        ForecastFactory f = ForecastMethod.defaults();
        List<Integer> delays = new ArrayList<>();
        int falseOnsets = 0;
        for (int s = 0; s < 10; s++) {
            LabelledSeries ls = SyntheticSeries.generate(base, points, kind, start, 500 + s);
            ForecastSimulation.Outcome o = ForecastSimulation.run(f, ls);
            if (o.detected()) {
                delays.add(o.firstAlarmInWindow());
            }
            falseOnsets += o.onsetsOutside();
        }
        Collections.sort(delays);
        System.out.printf("%s %s: detected %d/10, delays %s, false onsets %d%n", base, kind, delays.size(), delays,
                falseOnsets);
        assertThat(delays.size()).isGreaterThanOrEqualTo(minDetected);
        assertThat(delays.get((delays.size() - 1) / 2)).isLessThanOrEqualTo(maxMedianDelay);
    }
}
