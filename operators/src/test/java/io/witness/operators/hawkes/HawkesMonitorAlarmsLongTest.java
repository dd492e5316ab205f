package io.witness.operators.hawkes;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** More seeds of {@link HawkesMonitorAlarmsTest}'s null-behaviour checks (no branching alarm, KS level). */
@Tag("long")
class HawkesMonitorAlarmsLongTest {

    @Test
    void stableProcessesRaiseNoBranchingAlarm() {
        HawkesMonitorAlarmsTest.stableRuns(1, 10);
    }

    @Test
    void timeRescalingTestKeepsItsLevel() {
        HawkesMonitorAlarmsTest.timeRescalingLevel(31, 46);
    }
}
