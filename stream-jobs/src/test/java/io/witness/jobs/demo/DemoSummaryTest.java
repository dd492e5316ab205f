package io.witness.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    private static final long START = 1_763_800_000_000L;
    private static final long INJECT = START + 60_000;

    private static final List<Injection> INJECTIONS = List.of(
            new Injection("latency-errors", "payments", INJECT, "dependence"),
            new Injection("latency-errors", "search", INJECT, "dependence"));

    @Test
    void detectsWithDelayAndCountsFalseAlarms() {
        List<ObservedAlert> alerts = List.of(
                new ObservedAlert("latency-errors", "payments", "OPEN", INJECT + 12_500),
                new ObservedAlert("latency-errors", "payments", "UPDATE", INJECT + 12_500),
                new ObservedAlert("latency-errors", "payments", "RESOLVED", INJECT + 40_000),
                new ObservedAlert("latency-errors", "payments", "OPEN", INJECT + 50_000),   // re-opened: neither
                new ObservedAlert("latency-errors", "search", "OPEN", INJECT - 5_000),     // before injection: false
                new ObservedAlert("latency-errors", "search", "OPEN", INJECT + 20_000),
                new ObservedAlert("latency-errors", "checkout", "OPEN", START + 30_000),   // never injected: false
                new ObservedAlert("queue-drops", "payments", "OPEN", INJECT + 1_000),      // other monitor: false
                new ObservedAlert("latency-errors", "auth", "RESOLVED", START + 1_000));   // not an OPEN: ignored

        DemoSummary summary = new DemoSummary(INJECTIONS, START, alerts);

        assertThat(summary.injectedCount()).isEqualTo(2);
        assertThat(summary.detectedCount()).isEqualTo(2);
        assertThat(summary.detections().get(0).delaySeconds().getAsDouble()).isEqualTo(12.5);
        assertThat(summary.detections().get(1).delaySeconds().getAsDouble()).isEqualTo(20.0);
        assertThat(summary.meanDelaySeconds().getAsDouble()).isEqualTo(16.25);
        assertThat(summary.maxDelaySeconds().getAsDouble()).isEqualTo(20.0);
        assertThat(summary.falseAlarms())
                .extracting(ObservedAlert::monitor, ObservedAlert::key)
                .containsExactly( // in the order they opened
                        org.assertj.core.groups.Tuple.tuple("latency-errors", "checkout"),
                        org.assertj.core.groups.Tuple.tuple("latency-errors", "search"),
                        org.assertj.core.groups.Tuple.tuple("queue-drops", "payments"));

        String table = summary.render();
        assertThat(table).contains("payments", "search", "+60.0 s", "12.5 s", "20.0 s", "checkout", "  dependence\n");
        assertThat(table).contains("2 anomalies injected, 2 detected, mean delay 16.3 s, max delay 20.0 s, 3 false alarms");
    }

    @Test
    void missedInjectionHasNoDelay() {
        DemoSummary summary = new DemoSummary(INJECTIONS, START, List.of(
                new ObservedAlert("latency-errors", "payments", "OPEN", INJECT + 8_000)));

        assertThat(summary.detectedCount()).isEqualTo(1);
        assertThat(summary.detections().get(1).detected()).isFalse();
        assertThat(summary.detections().get(1).delaySeconds()).isEmpty();
        assertThat(summary.meanDelaySeconds().getAsDouble()).isEqualTo(8.0);
        assertThat(summary.falseAlarms()).isEmpty();
        assertThat(summary.render()).contains(" no ").contains("1 detected").contains("0 false alarms");
    }

    @Test
    void nothingObservedMeansNothingDetected() {
        DemoSummary summary = new DemoSummary(INJECTIONS, START, List.of());

        assertThat(summary.detectedCount()).isZero();
        assertThat(summary.meanDelaySeconds()).isEmpty();
        assertThat(summary.maxDelaySeconds()).isEmpty();
        assertThat(summary.render()).contains("mean delay -, max delay -");
    }
}
