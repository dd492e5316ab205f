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

/** The branching alarm: none on a stable process (ρ = 0.5), on most refits of a near-critical one (ρ = 0.97). */
class HawkesBranchingAlarmTest {

    @Test
    void stableProcessRaisesNoBranchingAlarm() {
        AlarmScenarios.stableRuns(1, 1);
    }

    @Test
    void nearCriticalProcessRaisesTheBranchingAlarm() {
        // ρ = 0.97 (api's self-excitation)
        List<TimedStep> steps = warm(run(simulate(new double[]{0.03, 0.05}, new double[][]{{0.97, 0}, {0.2, 0.1}}, 2 * HOUR, 7), Map.of()));
        long alarming = steps.stream().filter(s -> s.has("branching")).count();
        double meanRho = steps.stream().mapToDouble(s -> s.step().statistic()).average().orElseThrow();
        System.out.printf("HAWKES-ALARM near-critical ρ=0.97: %d of %d warm refits alarm, mean fitted ρ %.3f%n",
                alarming, steps.size(), meanRho);
        assertThat(alarming).isGreaterThan(steps.size() / 2);
    }
}
