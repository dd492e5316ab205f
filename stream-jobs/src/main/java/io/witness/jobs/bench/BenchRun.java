package io.witness.jobs.bench;

import io.prometheus.client.Summary;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.MonitorBinder;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import io.witness.jobs.flink.WitnessJob;
import io.witness.jobs.metrics.WitnessMetrics;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
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
     * How long a run warms up before its window opens.
     *
     * @param time         at least this long
     * @param steady       and, when not null, until this probe has seen every key settle (then until the
     *                     monitor has consumed every event made until then)
     * @param steadyLimit  at most this long waiting for the steady state (the window then opens with a note)
     */
    record WarmUp(Duration time, SteadyProbe steady, Duration steadyLimit) {
    }

    /**
     * How a run is set up besides its config.
     *
     * @param binder   how the job binds its monitor ({@link Prewarm.Binder} for {@code --prewarm})
     * @param flink    Flink settings over {@link WitnessJob#flinkConfiguration}'s
     * @param timeline when not null, a {@link Timeline} line this often during the window
     * @param out      where timeline lines go
     */
    record Setup(MonitorBinder binder, Map<String, String> flink, Duration timeline, PrintStream out) {
    }

    /**
     * @param runId      the run's id (its {@link LatencyProbe}; its {@link SteadyProbe} if any)
     * @param config     a config whose only monitor is the one to run, its topic the generator's
     * @param dataDir    checkpoints and RocksDB files of this run (deleted by the caller)
     * @param profileDir when not null, a JFR recording ({@code profile} settings) of the window is written there
     */
    static Measurement run(String runId, String label, WitnessConfig config, BenchGenerator generator, Path dataDir,
                           WarmUp warmUp, Duration window, Path profileDir, Setup setup) throws Exception {
        MonitorConfig m = config.monitors().get(0);
        LatencyProbe probe = LatencyProbe.forRun(runId);
        Files.createDirectories(dataDir);
        WitnessConfig c = config.withJob(config.job().withStateLocations(
                dataDir.resolve("checkpoints").toUri().toString(), dataDir.resolve("rocksdb").toString()));
        org.apache.flink.configuration.Configuration flink = WitnessJob.flinkConfiguration(c);
        setup.flink().forEach(flink::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(c.job().parallelism(), flink);
        env.setParallelism(c.job().parallelism());
        DataStream<RawRecord> raw = env.fromSequence(0, Long.MAX_VALUE).name("sequence").uid("bench-sequence")
                .map(generator, TypeInformation.of(RawRecord.class)).name("generator (in memory)").uid("bench-generator");
        DataStream<OutRecord> out = WitnessJob.pipeline(raw, c, setup.binder());
        out.sinkTo(new LatencySink(runId, m.evidenceTopic(), m.deadLetterTopic())).name("latency sink").uid("bench-sink");
        JobClient job = env.executeAsync("witness-bench " + label);
        try {
            long started = System.nanoTime();
            long obsStart = observations(m.id());
            awaitFirstObservation(job, m.id());
            Thread.sleep(warmUp.time().toMillis());
            String note = warmUp.steady() == null ? null : awaitSteady(job, m.id(), obsStart, warmUp, started);
            double warmedSeconds = (System.nanoTime() - started) / 1e9;
            Recording recording = profileDir == null ? null : startRecording();
            Instant profileFrom = Instant.now();
            long obs0 = observations(m.id());
            Summary.Child.Value bytes0 = WitnessMetrics.STATE_BYTES.labels(m.id()).get();
            long ev0 = probe.evidence.sum();
            probe.interval();
            long t0 = System.nanoTime();
            long end = t0 + window.toNanos();
            Timeline timeline = setup.timeline() == null ? null
                    : new Timeline(setup.out(), label, generator.keys(), m.id(), dataDir, flink, setup.timeline(), t0);
            while (System.nanoTime() < end) {
                if (timeline != null) {
                    timeline.maybePrint();
                }
                Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                failIfStopped(job);
                long free = Files.getFileStore(dataDir).getUsableSpace();
                if (free < MIN_FREE_DISK_BYTES) {
                    note = (note == null ? "" : note + "; ") + String.format("stopped after %.1f s: less than 2 GiB "
                            + "left on the disk of %s", (System.nanoTime() - t0) / 1e9, dataDir);
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
            Measurement.Profile profile = null;
            if (recording != null) {
                Instant profileTo = Instant.now();
                Files.createDirectories(profileDir);
                Path file = profileDir.resolve(label.replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + generator.keys() + "keys.jfr");
                recording.dump(file);
                recording.close();
                profile = new Measurement.Profile(file, profileFrom, profileTo);
            }
            long disk = folderBytes(dataDir.resolve("rocksdb"));
            long checkpoints = folderBytes(dataDir.resolve("checkpoints"));
            Runtime rt = Runtime.getRuntime();
            if (probe.deadLetters.sum() > 0) {
                note = (note == null ? "" : note + "; ") + probe.deadLetters.sum() + " dead letters (not expected)";
            }
            return new Measurement(label, seconds, obs1 - obs0, ev1 - ev0,
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50),
                    h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99), stateBytes, note,
                    warmedSeconds, disk, checkpoints, rt.totalMemory() - rt.freeMemory(), residentBytes(), profile);
        } finally {
            cancel(job);
            LatencyProbe.remove(runId);
        }
    }

    /**
     * Waits until every key has had its warm-up and the monitor has consumed what was made until then;
     * returns a note when the limit came first.
     */
    private static String awaitSteady(JobClient job, String monitor, long obsStart, WarmUp w, long started)
            throws Exception {
        SteadyProbe p = w.steady();
        long deadline = started + w.steadyLimit().toNanos();
        while (!p.allSettled()) {
            if (System.nanoTime() > deadline) {
                return String.format("not steady: %,d of %,d keys past warm-up after %s", p.settled(),
                        p.keys(), io.witness.operators.monitor.Durations.format(w.steadyLimit()));
            }
            failIfStopped(job);
            Thread.sleep(200);
        }
        long made = p.generated.sum();
        while (observations(monitor) - obsStart < made && System.nanoTime() < deadline) {
            failIfStopped(job);
            Thread.sleep(50);
        }
        return null;
    }

    private static Recording startRecording() throws IOException, java.text.ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.setToDisk(true);
        r.start();
        return r;
    }

    /**
     * Bytes of the regular files under a folder (0 if there is none). A walk fails when a folder in it is
     * deleted meanwhile (a subsumed checkpoint, a compacted RocksDB file); it is walked again, since a 0 for
     * a folder that exists would be a wrong figure, not a missing one.
     */
    static long folderBytes(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(Files::isRegularFile).mapToLong(f -> {
                    try {
                        return Files.size(f);
                    } catch (IOException e) {
                        return 0;   // this file was deleted by compaction or a checkpoint clean-up meanwhile
                    }
                }).sum();
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt == 20) {
                    throw new java.io.UncheckedIOException("cannot measure the bytes under " + dir,
                            e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause());
                }
            }
        }
    }

    /** This JVM's resident set (VmRSS of /proc/self/status), or -1 where there is none. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static long observations(String monitor) {
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
