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

/** The change alarms: a new excitation edge and a baseline surge that appear partway, and the alert clearing after quiet refits. */
class HawkesChangeAlarmsTest {

    @Test
    void anExcitationEdgeThatAppearsPartwayIsReported() {
        double[] mu = {0.2, 0.1};
        Events before = simulate(mu, new double[][]{{0.3, 0}, {0, 0}}, 3 * HOUR, 11);
        Events after = simulate(mu, new double[][]{{0.3, 0}, {0.6, 0}}, 3 * HOUR, 12);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 3 * HOUR), Map.of()));
        long change = MonitorDriver.millis(3 * HOUR);
        List<TimedStep> edgeAlarms = steps.stream().filter(s -> s.has("new-edge")).toList();
        System.out.println("HAWKES-ALARM new edge at " + change + ": " + edgeAlarms.stream()
                .map(s -> (s.time() - change) / 1000 + "s " + s.step().explanation().get("new_edges")).toList());
        assertThat(edgeAlarms).anyMatch(s -> s.time() > change && s.step().explanation().get("new_edges").asNames().equals(List.of("api->db")));
        assertThat(edgeAlarms).noneMatch(s -> s.step().explanation().get("new_edges").asNames().contains("api->db") && s.time() < change);
        // the api->db edge itself within an hour of the change (the edge-change test's power at α_ij 0 -> 0.6)
        assertThat(edgeAlarms.stream().filter(s -> s.time() > change && s.step().explanation().get("new_edges").asNames().contains("api->db"))
                .mapToLong(TimedStep::time).min().orElseThrow()).isLessThan(change + 60 * 60_000L);
    }

    @Test
    void aBaselineSurgeIsReported() {
        double[][] gamma = {{0.3, 0}, {0.3, 0}};
        Events before = simulate(new double[]{0.2, 0.1}, gamma, 3 * HOUR, 21);
        Events after = simulate(new double[]{0.2, 0.6}, gamma, 2 * HOUR, 22);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 3 * HOUR), Map.of()));
        long change = MonitorDriver.millis(3 * HOUR);
        List<TimedStep> surges = steps.stream().filter(s -> s.has("surge")).toList();
        System.out.println("HAWKES-ALARM surge at " + change + ": " + surges.size() + " alarming refits, first " + surges.stream().findFirst()
                .map(s -> (s.time() - change) / 1000 + "s " + s.step().explanation().get("surges") + " events "
                        + s.step().explanation().get("interval_events") + " expected "
                        + s.step().explanation().get("interval_expected")).orElse("none"));
        assertThat(surges).isNotEmpty();
        assertThat(surges).allMatch(s -> s.time() > change && s.step().explanation().get("surges").asNames().equals(List.of("db")));
        // the first refit after the change sees it
        assertThat(surges.get(0).time()).isLessThan(change + 2 * 60_000L);
    }

    @Test
    void alarmsClearAfterQuietRefits() {
        double[] mu = {0.2, 0.1};
        Events before = simulate(mu, new double[][]{{0.3, 0}, {0, 0}}, 2 * HOUR, 41);
        Events after = simulate(mu, new double[][]{{0.3, 0}, {0.6, 0}}, 3 * HOUR, 42);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 2 * HOUR), Map.of("resolve-after", 5)));
        int firstAlarm = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().alarm()) {
                firstAlarm = i;
                break;
            }
        }
        assertThat(firstAlarm).isNotNegative();
        // the first clear comes exactly 5 quiet refits after the last alarm before it
        int lastAlarm = firstAlarm;
        for (int i = firstAlarm + 1; i < steps.size(); i++) {
            if (steps.get(i).step().alarm()) {
                lastAlarm = i;
            } else if (steps.get(i).step().clear()) {
                assertThat(i - lastAlarm).isEqualTo(5);
                return;
            }
        }
        throw new AssertionError("no clear after the alarm");
    }
}
