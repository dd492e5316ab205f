package io.witness.jobs.bench;

import io.prometheus.client.Summary;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import io.witness.jobs.flink.WitnessJob;
import io.witness.jobs.metrics.WitnessMetrics;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bench run: the real job ({@link WitnessJob#pipeline}: decode + validate, watermarks, keyBy, the
 * monitor operator with RocksDB state, micro-batches and checkpoints) between the in-memory
 * {@link BenchGenerator} and the {@link LatencySink}, on a local MiniCluster. Measures over a window
 * after a warm-up, then cancels the job.
 */
final class BenchRun {
    /** A run stops early when the disk holding its RocksDB files has less than this left. */
    static final long MIN_FREE_DISK_BYTES = 2L << 30;
    private static final Duration START_DEADLINE = Duration.ofMinutes(2);

    private BenchRun() {
    }

    /**
     * @param config  a config whose only monitor is the one to run, its topic the generator's
     * @param dataDir checkpoints and RocksDB files of this run (deleted by the caller)
     */
    static Measurement run(String label, WitnessConfig config, BenchGenerator generator, Path dataDir,
                           Duration warmUp, Duration window) throws Exception {
        MonitorConfig m = config.monitors().get(0);
        String runId = UUID.randomUUID().toString();
        LatencyProbe probe = LatencyProbe.forRun(runId);
        Files.createDirectories(dataDir);
        WitnessConfig c = config.withJob(config.job().withStateLocations(
                dataDir.resolve("checkpoints").toUri().toString(), dataDir.resolve("rocksdb").toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                c.job().parallelism(), WitnessJob.flinkConfiguration(c));
        env.setParallelism(c.job().parallelism());
        DataStream<RawRecord> raw = env.fromSequence(0, Long.MAX_VALUE).name("sequence").uid("bench-sequence")
                .map(generator, TypeInformation.of(RawRecord.class)).name("generator (in memory)").uid("bench-generator");
        DataStream<OutRecord> out = WitnessJob.pipeline(raw, c);
        out.sinkTo(new LatencySink(runId, m.evidenceTopic(), m.deadLetterTopic())).name("latency sink").uid("bench-sink");
        JobClient job = env.executeAsync("witness-bench " + label);
        try {
            awaitFirstObservation(job, m.id());
            Thread.sleep(warmUp.toMillis());
            long obs0 = observations(m.id());
            Summary.Child.Value bytes0 = WitnessMetrics.STATE_BYTES.labels(m.id()).get();
            long ev0 = probe.evidence.sum();
            probe.interval();
            long t0 = System.nanoTime();
            long end = t0 + window.toNanos();
            String note = null;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                failIfStopped(job);
                long free = Files.getFileStore(dataDir).getUsableSpace();
                if (free < MIN_FREE_DISK_BYTES) {
                    note = String.format("stopped after %.1f s: less than 2 GiB left on the disk of %s",
                            (System.nanoTime() - t0) / 1e9, dataDir);
                    break;
                }
            }
            long obs1 = observations(m.id());
            Summary.Child.Value bytes1 = WitnessMetrics.STATE_BYTES.labels(m.id()).get();
            Histogram h = probe.interval();
            long ev1 = probe.evidence.sum();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double writes = bytes1.count - bytes0.count;
            double stateBytes = writes > 0 ? (bytes1.sum - bytes0.sum) / writes : 0;
            if (probe.deadLetters.sum() > 0) {
                note = (note == null ? "" : note + "; ") + probe.deadLetters.sum() + " dead letters (not expected)";
            }
            return new Measurement(label, seconds, obs1 - obs0, ev1 - ev0,
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50),
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99), stateBytes, note);
        } finally {
            cancel(job);
            LatencyProbe.remove(runId);
        }
    }

    private static long observations(String monitor) {
        return (long) WitnessMetrics.OBSERVATIONS.labels(monitor).get();
    }

    private static void awaitFirstObservation(JobClient job, String monitor) throws Exception {
        long before = observations(monitor);
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (observations(monitor) == before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench job processed nothing within " + START_DEADLINE.toSeconds()
                        + " s (status " + job.getJobStatus().get(5, TimeUnit.SECONDS) + ")");
            }
            failIfStopped(job);
            Thread.sleep(50);
        }
    }

    private static void failIfStopped(JobClient job) throws Exception {
        JobStatus s = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (s.isGloballyTerminalState()) {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);   // rethrows the failure
            throw new IllegalStateException("the bench job stopped: " + s);
        }
    }

    private static void cancel(JobClient job) throws InterruptedException, IOException {
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // already finished or failed: the result below says which
        }
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // cancelled, as intended
        }
    }
}
