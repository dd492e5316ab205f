package io.witness.operators.hawkes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge-change tests (fast subset; {@link HawkesEdgeChangeLongTest} runs 50 seeds): no edge alarm on
 * stable processes whose edges sit below, at and above the default edge-threshold, and a new edge of
 * 0.45 that appears halfway is reported within the hour (seed 701: 637 s).
 */
class HawkesEdgeChangeTest {

    @Test
    void stableProcessesRaiseNoEdgeAlarmWhereverTheirEdgesSit() {
        for (double v : new double[]{0.1, 0.2, 0.3}) {
            assertThat(EdgeChangeScenarios.edgeAlarms(v, 501)).as("edge alarms, edges at %.1f", v).isZero();
        }
    }

    @Test
    void anEdgeThatAppearsHalfwayIsReported() {
        long[] r = EdgeChangeScenarios.appearingEdge(701);
        System.out.printf("HAWKES-EDGE appearing api->db 0.45: delay %d s, edge alarms before the change %d%n", r[0], r[1]);
        assertThat(r[1]).as("edge alarms before the change").isZero();
        assertThat(r[0]).as("delay (s)").isBetween(0L, 3600L);
    }
}
