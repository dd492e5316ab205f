package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.ExplanationValue;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The documented policies: cold start, gaps, out-of-order and duplicate times, level-shift acceptance, flat input. */
class ForecastPolicyTest {

    static final long STEP = SyntheticSeries.STEP_MS;

    @Test
    void driftHorizonDefaultsToAQuarterCalibrationHorizonAndIsValidated() {
        assertThat(ForecastMethod.defaults().parameters().driftHorizon()).isEqualTo(256);
        assertThat(ForecastMethod.with(Map.of("calibration-horizon", 64)).parameters().driftHorizon()).isEqualTo(64);
        assertThat(ForecastMethod.with(Map.of("drift-horizon", 500)).parameters().driftHorizon()).isEqualTo(500);
        assertThatThrownBy(() -> ForecastMethod.with(Map.of("drift-horizon", 40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drift-horizon");
        assertThatThrownBy(() -> ForecastMethod.with(Map.of("drift-horizon", 9000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drift-horizon");
    }

    @Test
    void warmUpIsNotScoredAndScoringStartsRightAfter() {
        ForecastModel m = ForecastMethod.defaults().create();
        LabelledSeries s = SyntheticSeries.normal(Base.IID, 200, 2);
        for (int i = 0; i < 200; i++) {
            Step step = m.update(s.times()[i], new double[] {s.values()[i]});
            if (i < 128) {
                assertThat(step).isNull();
                assertThat(m.lastScore()).isNaN();
                assertThat(m.lastAlarm()).isFalse();
            } else {
                assertThat(step).isNotNull();
                assertThat(m.lastScore()).isBetween(0.0, 1.0);
                assertThat(step.explanation()).containsKeys("forecast", "residual", "score", "recent", "kernel",
                        "p_drift", "p_structure", "drift", "lag_correlation");
                assertThat(((ExplanationValue.Vector) step.explanation().get("recent")).size()).isEqualTo(8);
                double surprise = step.explanation().get("surprise").asDouble();
                assertThat(m.lastScore()).isEqualTo(surprise / (1 + surprise));
                if (step.pValue() > 1e-300) {
                    assertThat(surprise).isCloseTo(-Math.log10(step.pValue()), org.assertj.core.data.Offset.offset(1e-9));
                }
                assertThat(step.threshold()).as("the score of the full alarm level 1e-4").isEqualTo(0.8);
            }
        }
    }

    @Test
    void recentValuesInTheEvidenceAreTheOnesTheForecastUsed() {
        ForecastModel m = ForecastMethod.defaults().create();
        Step step = null;
        for (int i = 0; i < 140; i++) {
            step = m.update(SyntheticSeries.START_MS + i * STEP, new double[] {i % 7});
        }
        // the forecast of point 139 used points 131..138
        double[] want = new double[8];
        for (int i = 131; i <= 138; i++) {
            want[i - 131] = i % 7;
        }
        assertThat(step.explanation().get("recent")).isEqualTo(ExplanationValue.vector(want));
    }

    @Test
    void aLongGapRefillsTheShingleWithoutScoringAndWithoutAlarm() {
        ForecastModel m = ForecastMethod.defaults().create();
        LabelledSeries s = SyntheticSeries.normal(Base.IID, 400, 3);
        for (int i = 0; i < 300; i++) {
            m.observe(s.times()[i], s.values()[i]);
        }
        long t = s.times()[299] + 50 * STEP;   // 50 intervals missing
        for (int i = 0; i < 8; i++) {
            m.observe(t + i * STEP, s.values()[300 + i]);
            assertThat(m.lastScore()).as("refilling point %d", i).isNaN();
        }
        m.observe(t + 8 * STEP, s.values()[308]);
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
        assertThat(m.gaps()).isEqualTo(1);
        // a short gap (3 intervals) is taken as consecutive points
        m.observe(t + 12 * STEP, s.values()[309]);
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
        assertThat(m.gaps()).isEqualTo(1);
    }

    @Test
    void outOfOrderAndDuplicateTimesAreSkippedAndCounted() {
        ForecastModel m = ForecastMethod.defaults().create();
        LabelledSeries s = SyntheticSeries.normal(Base.IID, 300, 4);
        for (int i = 0; i < 300; i++) {
            m.observe(s.times()[i], s.values()[i]);
        }
        assertThat(m.observe(s.times()[299], 1e9)).isFalse();          // same time, another value
        assertThat(m.lastScore()).isNaN();
        assertThat(m.observe(s.times()[100], 1e9)).isFalse();          // far in the past
        assertThat(m.lastAlarm()).isFalse();
        assertThat(m.skipped()).isEqualTo(2);
        assertThat(m.observe(s.times()[299] + STEP, s.values()[299])).isTrue();
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
        assertThat(m.lastAlarm()).as("the skipped 1e9 values left no trace").isFalse();
    }

    @Test
    void aPersistentShiftIsOneIncidentThenAcceptedAndRecalibrated() {
        ForecastFactory f = ForecastMethod.defaults();
        // +3σ from 1000 to the end: not absorbed at once, one incident, accepted after accept-after points
        LabelledSeries s = SyntheticSeries.generate(Base.IID, 3000, AnomalyKind.LEVEL_SHIFT, 1000, 5);
        double[] v = s.values().clone();
        for (int i = 1400; i < v.length; i++) {
            v[i] += 3;   // keep the shift after the generator's window ends
        }
        ForecastModel m = f.create();
        int opened = -1;
        int cleared = -1;
        int unscoredAfter = 0;
        for (int i = 0; i < v.length; i++) {
            Step step = m.update(s.times()[i], new double[] {v[i]});
            if (step != null && step.alarm() && opened < 0) {
                opened = i;
            }
            if (step != null && step.clear() && cleared < 0 && opened >= 0) {
                cleared = i;
            }
            if (cleared >= 0 && i > cleared && i <= cleared + 64 && Double.isNaN(m.lastScore())) {
                unscoredAfter++;
            }
        }
        assertThat(opened).isBetween(1000, 1020);
        assertThat(cleared - opened).as("accepted after accept-after points").isEqualTo(256);
        assertThat(unscoredAfter).as("recalibration points").isEqualTo(64);
        assertThat(m.incidents()).as("one incident for the whole shift").isEqualTo(1);
    }

    @Test
    void aConstantWarmUpDoesNotBreakAndAChangeAlarms() {
        ForecastModel m = ForecastMethod.defaults().create();
        for (int i = 0; i < 300; i++) {
            m.observe(SyntheticSeries.START_MS + i * STEP, 5.0);
        }
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
        assertThat(m.lastAlarm()).isFalse();
        m.observe(SyntheticSeries.START_MS + 300 * STEP, 6.0);
        assertThat(m.lastAlarm()).isTrue();
        assertThat(m.lastScore()).as("an extreme score, still below 1").isGreaterThan(0.99).isLessThan(1.0);
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> ForecastMethod.with(Map.of("shingel", 8))).hasMessageContaining("'shingel' unknown");
        assertThatThrownBy(() -> ForecastMethod.with(Map.of("warm-up", 10))).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> ForecastMethod.with(Map.of("kernel", "cubic"))).hasMessageContaining("kernel");
        assertThatThrownBy(() -> new ForecastMethod().configure(Map.of("value", 2), 0.05, Map.of()))
                .hasMessageContaining("exactly one numeric field");
        assertThat(ForecastMethod.with(Map.of("kernel", "laplace", "bandwidth", 2.0, "seasonality", "daily"))
                .parameters().featureDimension()).isEqualTo(10);
    }

    @Test
    void fixedKernelAndSeasonalityRun() {
        ForecastFactory f = ForecastMethod.with(Map.of("kernel", "gaussian", "bandwidth", 3.0, "seasonality", "daily-weekly",
                "algorithm", "nons"));
        ForecastModel m = f.create();
        LabelledSeries s = SyntheticSeries.normal(Base.DAILY, 2000, 6);
        for (int i = 0; i < s.size(); i++) {
            m.observe(s.times()[i], s.values()[i]);
        }
        assertThat(m.kernel().bandwidth()).isEqualTo(3.0);
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
        assertThat(m.stateBytes()).isLessThanOrEqualTo(f.maxStateBytes());
    }
}
