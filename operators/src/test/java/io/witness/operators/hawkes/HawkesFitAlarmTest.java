package io.witness.operators.hawkes;

import io.witness.operators.hawkes.MonitorDriver.TimedStep;
import io.witness.operators.hawkes.sim.ClusterSimulator;
import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.hawkes.sim.ShapeKernel;
import io.witness.operators.hawkes.sim.SimKernel;
import io.witness.operators.hawkes.sim.SimulatedProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.witness.operators.hawkes.AlarmScenarios.HOUR;
import static io.witness.operators.hawkes.AlarmScenarios.run;
import static io.witness.operators.hawkes.AlarmScenarios.simulate;
import static io.witness.operators.hawkes.AlarmScenarios.warm;
import static org.assertj.core.api.Assertions.assertThat;

/** The poor-fit alarm (time-rescaling KS test): every window of clock-like events rejects; a correctly specified Hawkes process rarely. */
class HawkesFitAlarmTest {

    @Test
    void regularEventsFailTheTimeRescalingTest() {
        // a clock: one "api" event every 2 s (± 50 ms) and Poisson "db" events — no Hawkes process fits it
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 3 * 1800;
        double[] t = new double[2 * n];
        int[] d = new int[2 * n];
        double db = 0;
        for (int i = 0; i < n; i++) {
            t[i] = 2.0 * i + 0.05 * (r.nextDouble() - 0.5);
            d[i] = 0;
            db += -Math.log(1 - r.nextDouble()) / 0.5;
            t[n + i] = db;
            d[n + i] = 1;
        }
        Events ev = AlarmScenarios.sorted(t, d);
        List<TimedStep> steps = warm(run(ev, Map.of()));
        long tested = steps.stream().filter(s -> s.step().pValue() != null).count();
        long poor = steps.stream().filter(s -> s.has("poor-fit")).count();
        System.out.printf("HAWKES-ALARM clock: %d of %d KS windows reject%n", poor, tested);
        assertThat(tested).isGreaterThan(5);
        assertThat(poor).isEqualTo(tested);
    }

    @Test
    void aHawkesProcessRarelyFailsTheTimeRescalingTest() {
        AlarmScenarios.timeRescalingLevel(31, 31);
    }
}
