package io.witness.jobs.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events the bench's generator makes per key, in the JVM of the MiniCluster (generator and
 * driver share it by run id), so that {@code --warm-up steady} can open the window once every key has
 * had its method's warm-up ({@link Calibration#settledAfter}). One atomic increment per event.
 */
final class SteadyProbe {
    private static final Map<String, SteadyProbe> PROBES = new ConcurrentHashMap<>();

    private final AtomicIntegerArray perKey;
    private final int target;
    final LongAdder generated = new LongAdder();
    final LongAdder keysSettled = new LongAdder();

    private SteadyProbe(int keys, int target) {
        this.perKey = new AtomicIntegerArray(keys);
        this.target = target;
    }

    /** Starts counting for a run: {@code keys} keys, settled at {@code target} events each. */
    static SteadyProbe start(String runId, int keys, int target) {
        SteadyProbe p = new SteadyProbe(keys, target);
        PROBES.put(runId, p);
        return p;
    }

    /** The run's probe, or null when the run does not wait for the steady state. */
    static SteadyProbe of(String runId) {
        return runId == null ? null : PROBES.get(runId);
    }

    static void remove(String runId) {
        PROBES.remove(runId);
    }

    void made(long key) {
        generated.increment();
        if (perKey.incrementAndGet((int) key) == target) {
            keysSettled.increment();
        }
    }

    boolean allSettled() {
        return keysSettled.sum() >= perKey.length();
    }

    long keys() {
        return perKey.length();
    }

    /** Keys that have had their warm-up. */
    long settled() {
        return keysSettled.sum();
    }
}
