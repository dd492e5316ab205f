package io.witness.jobs.bench;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What one bench run measured over its window.
 *
 * @param label            what ran (the monitor, or the baseline)
 * @param seconds          length of the measured window
 * @param observations     observations the monitor consumed in the window
 * @param evidence         evidence records that reached the sink in the window
 * @param p50Millis        median event-to-evidence latency
 * @param p99Millis        99th percentile of the same
 * @param stateBytesPerKey mean serialised state size per (monitor, key) over the window's state writes
 * @param note             why the window was cut short or opened before the steady state, or null
 * @param warmUpSeconds    from the job's start to the window's opening
 * @param rocksDbBytes     bytes of the RocksDB working folder when the window closed
 * @param checkpointBytes  bytes of the retained checkpoints (incremental: shared files counted once) then
 * @param heapUsedBytes    heap in use in this JVM then (not after a GC)
 * @param residentBytes    this JVM's resident set then (-1: unknown)
 * @param profile          the JFR recording of the window ({@code --profile}), or null
 */
record Measurement(String label, double seconds, long observations, long evidence, double p50Millis, double p99Millis,
                   double stateBytesPerKey, String note, double warmUpSeconds, long rocksDbBytes, long checkpointBytes,
                   long heapUsedBytes, long residentBytes, Profile profile) {

    /** A JFR recording ({@code file}) and the window it was made for. */
    record Profile(Path file, Instant from, Instant to) {
    }

    double eventsPerSecond() {
        return seconds > 0 ? observations / seconds : 0;
    }

    double evidencePerSecond() {
        return seconds > 0 ? evidence / seconds : 0;
    }
}
