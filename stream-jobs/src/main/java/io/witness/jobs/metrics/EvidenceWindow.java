package io.witness.jobs.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The anomaly-evidence gauges, with labels bounded by the number of monitors (never one series per
 * key): per monitor, the largest natural-log e-value and the smallest p-value of any decision step this
 * JVM computed in the last {@value #WINDOW_SECONDS} s of wall-clock time, over all its keys.
 *
 * <p>A window instead of "the last step": the last step of some key says nothing about the others, and a
 * per-key last value would need per-key memory. The window is {@value #SLOTS} slots of
 * {@value #SLOT_MILLIS} ms, so each monitor costs a fixed 12 × (8 + 8 + 8) bytes; it is longer than
 * any usual scrape interval, so a step between two scrapes is never missed. A monitor with no step
 * (or no e-value / p-value) in the window has no sample: "absent", not a stale value. On a cluster each
 * TaskManager reports its own keys; {@code max by (monitor)} / {@code min by (monitor)} combines them.
 */
final class EvidenceWindow extends Collector {
    static final int SLOTS = 12;
    static final long SLOT_MILLIS = 5_000;
    static final long WINDOW_SECONDS = SLOTS * SLOT_MILLIS / 1000;
    static final String MAX_LOG_E = "witness_evidence_max_log_e_value";
    static final String MIN_P = "witness_evidence_min_p_value";

    private final Map<String, Slots> byMonitor = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    EvidenceWindow(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records one decision step; {@code null} or non-positive / NaN values are not evidence of that kind. */
    void record(String monitor, Double eValue, Double pValue) {
        double logE = eValue != null && eValue > 0 ? Math.log(eValue) : Double.NaN;
        double p = pValue != null && pValue >= 0 ? pValue : Double.NaN;
        if (Double.isNaN(logE) && Double.isNaN(p)) {
            return;
        }
        byMonitor.computeIfAbsent(monitor, m -> new Slots()).record(clock.getAsLong() / SLOT_MILLIS, logE, p);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        GaugeMetricFamily maxLogE = new GaugeMetricFamily(MAX_LOG_E, "Largest natural-log e-value of any decision step "
                + "in the last " + WINDOW_SECONDS + " s, over all keys, by monitor (absent when none).", List.of("monitor"));
        GaugeMetricFamily minP = new GaugeMetricFamily(MIN_P, "Smallest p-value of any decision step in the last "
                + WINDOW_SECONDS + " s, over all keys, by monitor (absent when none).", List.of("monitor"));
        long now = clock.getAsLong() / SLOT_MILLIS;
        byMonitor.forEach((monitor, slots) -> {
            double[] v = slots.extremes(now);
            if (!Double.isNaN(v[0])) {
                maxLogE.addMetric(List.of(monitor), v[0]);
            }
            if (!Double.isNaN(v[1])) {
                minP.addMetric(List.of(monitor), v[1]);
            }
        });
        List<MetricFamilySamples> out = new ArrayList<>(2);
        out.add(maxLogE);
        out.add(minP);
        return out;
    }

    /** A ring of per-slot extremes; slot i holds the steps of wall-clock slot number {@code epoch[i]}. */
    private static final class Slots {
        private final long[] epoch = new long[SLOTS];
        private final double[] maxLogE = new double[SLOTS];
        private final double[] minP = new double[SLOTS];

        Slots() {
            java.util.Arrays.fill(epoch, Long.MIN_VALUE);
        }

        synchronized void record(long slot, double logE, double p) {
            int i = (int) Math.floorMod(slot, (long) SLOTS);
            if (epoch[i] != slot) {
                epoch[i] = slot;
                maxLogE[i] = Double.NaN;
                minP[i] = Double.NaN;
            }
            if (!Double.isNaN(logE) && (Double.isNaN(maxLogE[i]) || logE > maxLogE[i])) {
                maxLogE[i] = logE;
            }
            if (!Double.isNaN(p) && (Double.isNaN(minP[i]) || p < minP[i])) {
                minP[i] = p;
            }
        }

        /** {max log e, min p} over the slots of the window ending at {@code now}; NaN where none. */
        synchronized double[] extremes(long now) {
            double e = Double.NaN;
            double p = Double.NaN;
            for (int i = 0; i < SLOTS; i++) {
                if (epoch[i] > now - SLOTS && epoch[i] <= now) {
                    if (!Double.isNaN(maxLogE[i]) && (Double.isNaN(e) || maxLogE[i] > e)) {
                        e = maxLogE[i];
                    }
                    if (!Double.isNaN(minP[i]) && (Double.isNaN(p) || minP[i] < p)) {
                        p = minP[i];
                    }
                }
            }
            return new double[] {e, p};
        }
    }
}
