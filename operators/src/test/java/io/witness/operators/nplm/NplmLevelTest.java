package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Level and power of the monitor (fast versions; {@link NplmLevelLongTest} has the long ones). A key
 * learns its reference from N(0, I₂); then tumbling windows from the same law must alarm at rate α
 * within Monte Carlo error, and windows whose field x[1] is shifted by 0.6 must alarm nearly always,
 * with x[1] named as the dominant field.
 */
class NplmLevelTest {

    static final Map<String, Object> SMALL = Map.of("window", 100, "reference-size", 1000);

    @Test
    void referenceVsReferenceWindowsAlarmAtRateAlpha() {
        NplmLevelRun run = NplmLevelRun.gaussian(SMALL, 2, 0.05, 2, 50, 0.0, 11);
        run.print("NPLM-LEVEL fast d=2 window=100 P=1000");
        assertThat(run.windows).isEqualTo(100);
        assertThat(run.alarms).isLessThanOrEqualTo(NplmLevelRun.maxAlarms(run.windows, 0.05));
        assertThat(run.chiSquaredAccepted).isEqualTo(2);
    }

    @Test
    void shiftedWindowsAlarmAndNameTheShiftedField() {
        NplmFactory f = NplmMethod.with(2, 0.05, new java.util.HashMap<>(SMALL));
        NplmModel m = f.create();
        List<double[]> events = NplmStreams.concat(NplmStreams.gaussian(1000, 2, 0, 0, 21),
                NplmStreams.gaussian(10 * 100, 2, 0.6, 1, 22));
        List<Step> steps = NplmStreams.feed(m, events, 0);
        assertThat(steps).hasSize(10);
        long alarms = steps.stream().filter(Step::alarm).count();
        long named = steps.stream().filter(s -> "x[1]".equals(s.explanation().get("dominant_field").asText())).count();
        System.out.printf("NPLM-POWER fast shift=0.6 on x[1]: alarms %d/10, dominant x[1] %d/10, median t %.1f%n", alarms,
                named, steps.stream().mapToDouble(Step::statistic).sorted().skip(5).findFirst().orElseThrow());
        assertThat(alarms).isGreaterThanOrEqualTo(9);
        assertThat(named).isGreaterThanOrEqualTo(9);
        Step s = steps.get(0);
        assertThat(s.explanation()).containsKeys("t", "p_value", "dof", "surprise_1", "surprise_3", "field_effects");
        assertThat(s.explanation().get("surprise_1").asText()).startsWith("f=").contains("values={x[0]=").contains("dominant=");
        assertThat(s.threshold()).isGreaterThan(0);
        assertThat(s.statistic() >= s.threshold()).isEqualTo(s.alarm());
    }
}
