package io.witness.jobs.metrics;

import java.util.List;
import io.witness.operators.monitor.ExplanationValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import io.witness.operators.hawkes.HawkesMethod;
import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.Step;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hawkes series: every alarm kind exists at 0 before the monitor's first refit (so that the alerting
 * rule's {@code increase()} counts the first alarm of a kind), and a refit counts itself, its branching
 * ratio and each of its typed alarm kinds once; the explanation's text is never parsed for kinds.
 */
class HawkesMetricsTest {
    private static final String[] KINDS = {"surge", "branching", "new-edge", "vanished-edge", "poor-fit"};

    private static Double value(String name, String monitor, String... kind) {
        return kind.length == 0
                ? CollectorRegistry.defaultRegistry.getSampleValue(name, new String[] {"monitor"}, new String[] {monitor})
                : CollectorRegistry.defaultRegistry.getSampleValue(name, new String[] {"monitor", "kind"},
                        new String[] {monitor, kind[0]});
    }

    @Test
    void seriesStartAtZeroAndCountEachRefitAndAlarmKind() {
        String m = "hawkes-metrics-test";
        HawkesMetrics.initMonitor(m);
        for (String kind : KINDS) {
            assertThat(value("witness_hawkes_alarms_total", m, kind)).as(kind).isEqualTo(0.0);
        }
        assertThat(value("witness_hawkes_refits_total", m)).isEqualTo(0.0);

        HawkesMetrics.onRefit(m, new Step(10, 0.95, null, null, 0.9, true, false,
                Map.of("alarms", ExplanationValue.names(List.of("surge"))), EnumSet.of(AlarmKind.BRANCHING, AlarmKind.NEW_EDGE)));
        HawkesMetrics.onRefit(m, new Step(20, 0.5, null, null, 0.9, false, false, Map.of("alarms", ExplanationValue.names(List.of()))));
        assertThat(value("witness_hawkes_refits_total", m)).isEqualTo(2.0);
        assertThat(value("witness_hawkes_branching_ratio", m)).isEqualTo(0.5);
        assertThat(value("witness_hawkes_refit_branching_ratio_count", m)).isEqualTo(2.0);
        assertThat(CollectorRegistry.defaultRegistry.getSampleValue("witness_hawkes_refit_branching_ratio_bucket",
                new String[] {"monitor", "le"}, new String[] {m, "0.9"})).isEqualTo(1.0);
        assertThat(value("witness_hawkes_alarms_total", m, "branching")).isEqualTo(1.0);
        assertThat(value("witness_hawkes_alarms_total", m, "new-edge")).isEqualTo(1.0);
        assertThat(value("witness_hawkes_alarms_total", m, "surge")).isEqualTo(0.0);
        assertThat(value("witness_hawkes_alarms_total", m, "made-up")).isNull();
        assertThat(HawkesMethod.ALARM_KINDS).extracting(AlarmKind::label).containsExactly(KINDS);
    }
}
