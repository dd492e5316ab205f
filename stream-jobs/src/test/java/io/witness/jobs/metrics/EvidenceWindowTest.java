package io.witness.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.Collector.MetricFamilySamples;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The windowed evidence gauges: max log e-value and min p-value over the last 60 s, per monitor. */
class EvidenceWindowTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final EvidenceWindow window = new EvidenceWindow(now::get);

    private Map<String, Double> samples(String family) {
        Map<String, Double> out = new TreeMap<>();
        for (MetricFamilySamples f : window.collect()) {
            if (f.name.equals(family)) {
                f.samples.forEach(s -> out.put(s.labelValues.get(0), s.value));
            }
        }
        return out;
    }

    @Test
    void extremesOverKeysAndStepsOfTheLastMinute() {
        window.record("m", 2.0, 0.5);
        window.record("m", 100.0, 0.01);
        window.record("m", 0.5, 0.9);
        window.record("other", null, 0.2);   // a p-value method: no e-value sample
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).containsExactly(Map.entry("m", Math.log(100.0)));
        assertThat(samples(EvidenceWindow.MIN_P)).containsOnly(Map.entry("m", 0.01), Map.entry("other", 0.2));
    }

    @Test
    void stepsOlderThanTheWindowDropOutAndAnEmptyWindowHasNoSample() {
        window.record("m", 1000.0, 0.001);
        now.addAndGet(30_000);
        window.record("m", 3.0, 0.3);
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).containsEntry("m", Math.log(1000.0));
        now.addAndGet(35_000);   // the first step is 65 s old, the second 35 s
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).containsEntry("m", Math.log(3.0));
        assertThat(samples(EvidenceWindow.MIN_P)).containsEntry("m", 0.3);
        now.addAndGet(60_000);
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).isEmpty();
        assertThat(samples(EvidenceWindow.MIN_P)).isEmpty();
        // a slot reused a full ring later starts afresh
        window.record("m", 2.0, 0.7);
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).containsEntry("m", Math.log(2.0));
    }

    @Test
    void valuesThatAreNotEvidenceAreIgnored() {
        window.record("m", 0.0, Double.NaN);
        window.record("m", -1.0, null);
        window.record("m", Double.NaN, -0.5);
        assertThat(samples(EvidenceWindow.MAX_LOG_E)).isEmpty();
        assertThat(samples(EvidenceWindow.MIN_P)).isEmpty();
        List<MetricFamilySamples> families = window.collect();
        assertThat(families).extracting(f -> f.name).containsExactly(EvidenceWindow.MAX_LOG_E, EvidenceWindow.MIN_P);
    }
}
