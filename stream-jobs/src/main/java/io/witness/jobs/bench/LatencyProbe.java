package io.witness.jobs.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the bench's sink records what comes out of a run, in the JVM that runs the MiniCluster
 * (the sink and the bench driver share it by run id). Latencies in milliseconds, 0 .. 1 h, 3
 * significant digits; recording is lock-free and the driver reads intervals.
 */
final class LatencyProbe {
    private static final Map<String, LatencyProbe> PROBES = new ConcurrentHashMap<>();

    private final Recorder latencies = new Recorder(3_600_000L, 3);
    final LongAdder evidence = new LongAdder();
    final LongAdder deadLetters = new LongAdder();

    static LatencyProbe forRun(String runId) {
        return PROBES.computeIfAbsent(runId, k -> new LatencyProbe());
    }

    static void remove(String runId) {
        PROBES.remove(runId);
    }

    void record(long latencyMillis) {
        latencies.recordValue(Math.max(0, Math.min(latencyMillis, 3_600_000L)));
    }

    /** The latencies recorded since the previous call (the first call starts the interval). */
    Histogram interval() {
        return latencies.getIntervalHistogram();
    }
}
