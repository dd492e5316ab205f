package io.witness.jobs.bench;

import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code witness bench --timeline}: during a long window, one line every interval — events/s since the
 * previous line, heap in use and the heap live after the last collection (bounded or growing?), RSS,
 * the RocksDB and checkpoint folders, and, when the run has Flink's Prometheus reporter
 * ({@code --flink metrics.reporter.prom.factory.class=…,metrics.reporter.prom.port=P}), the last
 * checkpoint's duration and its incremental and full sizes.
 */
final class Timeline {
    private static final String[] CHECKPOINT_METRICS = {"lastCheckpointDuration", "lastCheckpointSize",
            "lastCheckpointFullSize", "numberOfCompletedCheckpoints"};

    private final PrintStream out;
    private final String label;
    private final long keys;
    private final String monitor;
    private final Path dataDir;
    private final int metricsPort;
    private final long everyNanos;
    private final long start;
    private long last;
    private long lastObservations;

    Timeline(PrintStream out, String label, long keys, String monitor, Path dataDir, Configuration flink,
             Duration every, long startNanos) {
        this.out = out;
        this.label = label;
        this.keys = keys;
        this.monitor = monitor;
        this.dataDir = dataDir;
        String port = flink.getString("metrics.reporter.prom.port", null);
        this.metricsPort = port == null ? -1 : Integer.parseInt(port.trim());
        this.everyNanos = every.toNanos();
        this.start = startNanos;
        this.last = startNanos;
        this.lastObservations = BenchRun.observations(monitor);
    }

    void maybePrint() {
        long now = System.nanoTime();
        if (now - last < everyNanos) {
            return;
        }
        long obs = BenchRun.observations(monitor);
        double rate = (obs - lastObservations) / ((now - last) / 1e9);
        last = now;
        lastObservations = obs;
        Runtime rt = Runtime.getRuntime();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "timeline run=\"%s\" keys=%d t_s=%.0f events_per_s=%.0f heap_used_mib=%d heap_live_after_gc_mib=%d "
                        + "rss_mib=%d rocksdb_mib=%d checkpoints_mib=%d", label, keys, (now - start) / 1e9, rate,
                (rt.totalMemory() - rt.freeMemory()) >> 20, liveAfterGc() >> 20, BenchRun.residentBytes() >> 20,
                BenchRun.folderBytes(dataDir.resolve("rocksdb")) >> 20,
                BenchRun.folderBytes(dataDir.resolve("checkpoints")) >> 20));
        checkpoints().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        out.println(sb);
        out.flush();
    }

    /** Heap in use after the most recent collection of each heap pool (the old generation's is what stays). */
    private static long liveAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    /** The job's checkpoint gauges from Flink's Prometheus reporter, or nothing without one. */
    private Map<String, String> checkpoints() {
        Map<String, String> found = new LinkedHashMap<>();
        if (metricsPort < 0) {
            return found;
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + metricsPort + "/metrics").toURL()
                    .openConnection();
            c.setConnectTimeout(2_000);
            c.setReadTimeout(5_000);
            String text;
            try (InputStream in = c.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : text.split("\\n")) {
                if (!line.startsWith("flink_jobmanager_job_")) {
                    continue;
                }
                for (String m : CHECKPOINT_METRICS) {
                    if (line.startsWith("flink_jobmanager_job_" + m + "{")) {
                        found.put(m, line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            found.put("checkpoint_metrics", "unavailable");
        }
        return found;
    }
}
