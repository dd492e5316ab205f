package io.witness.operators.mmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;

/** mmd-betting as a key sees it: reference phase, one bet per k events, restart, re-baseline, explanation. */
class MmdBettingModelTest {

    @Test
    void phasesBatchesAlarmRestartAndRebaseline() {
        MmdBettingFactory f = new MmdBettingMethod().configure(Map.of("x", 2), 0.05,
                Map.of("reference-size", 100, "events-per-bet", 2));
        Model m = f.create();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(m.update(i, MmdBettingSimulation.draw(MmdBettingSimulation.Law.STANDARD, r))).isNull();
        }
        assertThat(m.update(100, MmdBettingSimulation.draw(MmdBettingSimulation.Law.STANDARD, r))).isNull();
        Step first = m.update(101, MmdBettingSimulation.draw(MmdBettingSimulation.Law.STANDARD, r));
        assertThat(first).isNotNull();
        assertThat(first.explanation()).containsEntry("bet", integer(1)).containsEntry("payoff", number(0.0))
                .containsEntry("reference_left", integer(99));
        Step alarm = null;
        int t = 102;
        for (; t < 300 && alarm == null; t++) {
            double[] x = MmdBettingSimulation.draw(MmdBettingSimulation.Law.STANDARD, r);
            x[1] += 2;   // a large shift of coordinate 1
            Step s = m.update(t, x);
            if (s != null && s.alarm()) {
                alarm = s;
            }
        }
        assertThat(alarm).isNotNull();
        assertThat(alarm.eValue()).isGreaterThanOrEqualTo(20.0);
        assertThat(alarm.pValue()).isLessThanOrEqualTo(0.05);
        assertThat(alarm.explanation()).containsEntry("mean_shift_coordinate", integer(1)).containsEntry("test", integer(0));
        assertThat(alarm.explanation().get("event_witness").asDouble()).isNegative();
        Step next = null;
        while (next == null) {
            next = m.update(t++, new double[] {0, 2});
        }
        assertThat(next.explanation()).containsEntry("test", integer(1));
        assertThat(next.eValue()).isLessThan(20.0);
        // run the pool out: 100 bets of 2 events after the reference, then 100 events of new reference
        Step lastOfEpoch = null;
        while (lastOfEpoch == null || lastOfEpoch.explanation().get("reference_left").asLong() != 0) {
            Step s = m.update(t++, new double[] {0, 2});
            lastOfEpoch = s == null ? lastOfEpoch : s;
        }
        assertThat(lastOfEpoch.explanation()).containsEntry("epoch", integer(0));
        for (int i = 0; i < 101; i++) {
            assertThat(m.update(t++, new double[] {r.nextDouble(), 2})).isNull();
        }
        Step rebased = m.update(t, new double[] {r.nextDouble(), 2});
        assertThat(rebased.explanation()).containsEntry("epoch", integer(1)).containsEntry("reference_left", integer(99))
                .containsEntry("payoff", number(0.0));
    }

    @Test
    void configurationErrors() {
        MmdBettingMethod m = new MmdBettingMethod();
        assertThatThrownBy(() -> m.configure(Map.of("x", 2), 0.05, Map.of("reference-size", 5)))
                .hasMessageContaining("reference-size");
        assertThatThrownBy(() -> m.configure(Map.of("x", 2), 0.05, Map.of("bandwidth", 0)))
                .hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> m.configure(Map.of("x", 2), 0.05, Map.of("bettor", "kelly")))
                .hasMessageContaining("bettor");
    }
}
