package io.witness.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's final table, and its machine-readable lines (the last lines of the output, one per key count). */
final class BenchReport {
    /**
     * The monitor, its calibrated baseline (null when not run) and the bare pipeline at one key count, and
     * the monitor under each {@code --variant}.
     */
    record Row(long keys, Measurement monitor, Measurement baseline, Measurement bare, List<Measurement> variants) {
        Row {
            variants = List.copyOf(variants);
        }

        double ratio() {
            return baseline != null && baseline.eventsPerSecond() > 0 ? monitor.eventsPerSecond() / baseline.eventsPerSecond() : Double.NaN;
        }

        double bareRatio() {
            return bare.eventsPerSecond() > 0 ? monitor.eventsPerSecond() / bare.eventsPerSecond() : Double.NaN;
        }
    }

    private final String monitorId;
    private final boolean steady;
    private final List<Row> rows = new ArrayList<>();

    /** @param steady whether the runs waited for the steady state ({@code --steady}) */
    BenchReport(String monitorId, boolean steady) {
        this.monitorId = monitorId;
        this.steady = steady;
    }

    void add(Row r) {
        rows.add(r);
    }

    List<Row> rows() {
        return rows;
    }

    /** A Markdown table: per key count the monitor, the baseline, the bare pipeline and the ratios. */
    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| keys | run | events/s | evidence/s | p50 ms | p99 ms | state bytes/key |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            line(sb, r.keys, r.monitor);
            if (r.baseline != null) {
                line(sb, r.keys, r.baseline);
            }
            line(sb, r.keys, r.bare);
            r.variants.forEach(v -> line(sb, r.keys, v));
            if (r.baseline != null) {
                sb.append(String.format(Locale.ROOT, "| %,d | ratio (monitor / baseline) | %.3f | | | | |%n", r.keys,
                        r.ratio()));
            }
            sb.append(String.format(Locale.ROOT, "| %,d | ratio (monitor / bare pipeline) | %.3f | | | | |%n", r.keys,
                    r.bareRatio()));
            for (Measurement v : r.variants) {
                sb.append(String.format(Locale.ROOT, "| %,d | ratio (%s / bare pipeline) | %.3f | | | | |%n", r.keys,
                        v.label(), r.bare.eventsPerSecond() > 0 ? v.eventsPerSecond() / r.bare.eventsPerSecond() : Double.NaN));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, long keys, Measurement m) {
        sb.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %,.0f | %s | %s | %,.0f |%n", keys, m.label(),
                m.eventsPerSecond(), m.evidencePerSecond(), ms(m.p50Millis()), ms(m.p99Millis()), m.stateBytesPerKey()));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * {@code bench monitor=<id> keys=<n> events_per_s=<x> baseline_events_per_s=<y> ratio=<x/y> p99_ms=<z>
     * state_bytes_per_key=<b> bare_events_per_s=<w> bare_ratio=<x/w> p50_ms=<m> steady=<true|false>}.
     */
    String machineLine(Row r) {
        return String.format(Locale.ROOT,
                "bench monitor=%s keys=%d events_per_s=%.1f baseline_events_per_s=%.1f ratio=%.3f p99_ms=%.1f "
                        + "state_bytes_per_key=%.0f bare_events_per_s=%.1f bare_ratio=%.3f p50_ms=%.1f steady=%b",
                monitorId, r.keys, r.monitor.eventsPerSecond(),
                r.baseline == null ? Double.NaN : r.baseline.eventsPerSecond(), r.ratio(),
                r.monitor.p99Millis(), r.monitor.stateBytesPerKey(), r.bare.eventsPerSecond(), r.bareRatio(),
                r.monitor.p50Millis(), steady && (r.monitor.note() == null || !r.monitor.note().contains("not steady")));
    }
}
