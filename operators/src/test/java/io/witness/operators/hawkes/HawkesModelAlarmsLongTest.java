package io.witness.operators.hawkes;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** More seeds of the alarm tests's null-behaviour checks (no branching alarm, KS level). */
@Tag("long")
class HawkesModelAlarmsLongTest {

    @Test
    void stableProcessesRaiseNoBranchingAlarm() {
        AlarmScenarios.stableRuns(1, 10);
    }

    @Test
    void timeRescalingTestKeepsItsLevel() {
        AlarmScenarios.timeRescalingLevel(31, 46);
    }
}
