package io.witness.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Job-wide settings. Defaults are chosen for a single-machine first run and documented in the README's
 * configuration reference.
 *
 * @param name                 Flink job name
 * @param parallelism          operator parallelism
 * @param checkpointInterval   exactly-once commit interval: alerts become visible to read_committed consumers at this pace
 * @param checkpointDir        durable checkpoint location (a URI such as file:///... or s3://...); null = the cluster's setting
 * @param stateDir             RocksDB working directory on local disk; null = the cluster's setting
 * @param allowedLateness      an event older than the newest event time of its (monitor, key) by more than this is LATE
 * @param maxRecordBytes       records larger than this are dead-lettered as TOO_LARGE
 * @param dedupeWindow         how many recent events per (monitor, key) are remembered to detect exact duplicates (0 = off)
 * @param metricsPorts         port (or range: each JVM takes the first free one) of the witness_ Prometheus endpoint in each JVM running the job (0 = off)
 * @param transactionalIdPrefix prefix of the exactly-once sink's Kafka transactional ids (unique per job on a cluster)
 * @param consumerGroup        Kafka consumer group of the sources
 * @param startFrom            where a source starts without committed offsets: earliest or latest
 * @param stopAtLatest         stop when the sources reach the offsets that were latest at start (backfills, tests)
 * @param compute              micro-batching of the monitor operator and the compute backend
 * @param eventTimes           event times accepted; others are TIME_OUT_OF_RANGE dead letters
 */
public record JobSettings(String name, int parallelism, Duration checkpointInterval, String checkpointDir,
                          String stateDir, Duration allowedLateness, int maxRecordBytes, int dedupeWindow,
                          PortRange metricsPorts, String transactionalIdPrefix, String consumerGroup, String startFrom,
                          boolean stopAtLatest, ComputeSettings compute,
                          EventTimeRange eventTimes) implements Serializable {

    public JobSettings withStateLocations(String newCheckpointDir, String newStateDir) {
        return new JobSettings(name, parallelism, checkpointInterval, newCheckpointDir, newStateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, metricsPorts, transactionalIdPrefix, consumerGroup, startFrom, stopAtLatest, compute, eventTimes);
    }

    /** The first port of {@link #metricsPorts} (0 = no endpoint). */
    public int metricsPort() {
        return metricsPorts.first();
    }

    /** The same settings with the parallelism that Flink decided (see ClusterEntryPoint). */
    public JobSettings withParallelism(int p) {
        return new JobSettings(name, p, checkpointInterval, checkpointDir, stateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, metricsPorts, transactionalIdPrefix, consumerGroup, startFrom, stopAtLatest, compute, eventTimes);
    }

    public JobSettings withMetricsPort(int port) {
        return new JobSettings(name, parallelism, checkpointInterval, checkpointDir, stateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, PortRange.single(port), transactionalIdPrefix, consumerGroup, startFrom, stopAtLatest, compute, eventTimes);
    }

    public JobSettings withStopAtLatest(boolean stop) {
        return new JobSettings(name, parallelism, checkpointInterval, checkpointDir, stateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, metricsPorts, transactionalIdPrefix, consumerGroup, startFrom, stop, compute, eventTimes);
    }

    public JobSettings withCheckpointInterval(Duration interval) {
        return new JobSettings(name, parallelism, interval, checkpointDir, stateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, metricsPorts, transactionalIdPrefix, consumerGroup, startFrom, stopAtLatest, compute, eventTimes);
    }

    public JobSettings withCompute(ComputeSettings newCompute) {
        return new JobSettings(name, parallelism, checkpointInterval, checkpointDir, stateDir, allowedLateness,
                maxRecordBytes, dedupeWindow, metricsPorts, transactionalIdPrefix, consumerGroup, startFrom, stopAtLatest,
                newCompute, eventTimes);
    }
}
