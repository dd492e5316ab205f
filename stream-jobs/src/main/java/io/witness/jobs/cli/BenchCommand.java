package io.witness.jobs.cli;

import io.witness.jobs.bench.Bench;
import io.witness.jobs.config.ComputeSettings;
import io.witness.jobs.config.ConfigLoader;
import io.witness.operators.monitor.Durations;
import io.witness.jobs.config.WitnessConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput and latency of one monitor against no-op baselines, in the same run.",
                "For each key count the real job (decode, keyBy, monitor operator, RocksDB state, checkpoints, "
                        + "micro-batches) runs on a local MiniCluster fed by an in-memory generator (no Kafka), three "
                        + "times: with the monitor; with a 'noop' monitor that keeps the same state bytes per key and "
                        + "emits evidence at the same pace but computes nothing; and with the bare pipeline (a noop with "
                        + "64 bytes of state). Prints events/s, p50/p99 event-to-evidence latency (ms), state bytes per "
                        + "key, disk and memory for each and the ratios, then one line per key count:",
                "bench monitor=<id> keys=<n> events_per_s=<x> baseline_events_per_s=<y> ratio=<x/y> p99_ms=<z> "
                        + "state_bytes_per_key=<b> bare_events_per_s=<w> bare_ratio=<x/w> p50_ms=<m> steady=<bool>",
                "Memory: the heap holds the keyed-state cache (job.state-cache, --state-cache; auto = 25%% of the heap) "
                        + "and one micro-batch of deserialised models; RocksDB uses Flink's managed memory. Disk grows by "
                        + "the state bytes of every distinct key touched (a run stops early below 2 GiB free)."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--monitor", required = true, paramLabel = "ID", description = "The monitor of the config to measure.")
    String monitor;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The monitors YAML (its job section applies: parallelism, checkpoints, job.batch, job.backend).")
    Path config;

    @Option(names = "--keys", defaultValue = "1,10000", paramLabel = "N,N,...",
            description = "Key counts to run, e.g. 1,10000,1000000 (10k, 1m also work). Default: ${DEFAULT-VALUE}.")
    String keys;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "Measured window per run (two runs per key count). Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--warm-up", defaultValue = "10s", paramLabel = "DURATION",
            description = "Run time before the window opens (JIT, RocksDB, first checkpoint). Default: ${DEFAULT-VALUE}.")
    String warmUp;

    @Option(names = "--steady",
            description = "Also warm up until every key has had its method's warm-up (as many events as one key needs, "
                    + "measured in process, to step and reach 95%% of its final state size): the steady state.")
    boolean steady;

    @Option(names = "--steady-limit", defaultValue = "15m", paramLabel = "DURATION",
            description = "With --steady: wait at most this long, then measure anyway and say so. Default: ${DEFAULT-VALUE}.")
    String steadyLimit;

    @Option(names = "--prewarm",
            description = "Start every key in its steady state (bench only): one template model per monitor is warmed "
                    + "in process on the generator's stream past its method's warm-up, and each key's first event "
                    + "restores that template's state. Per-event work and state bytes are the steady-state ones; keys "
                    + "start from identical states. With --steady the window waits until every key has been seen once. "
                    + "--steady alone is the slow, fully honest path.")
    boolean prewarm;

    @Option(names = "--no-calibrated-baseline",
            description = "Skip the noop calibrated to the monitor's state size (the bare pipeline still runs).")
    boolean noCalibrated;

    @Option(names = "--baseline-duration", paramLabel = "DURATION",
            description = "Window of the baseline runs (default: --duration).")
    String baselineDuration;

    @Option(names = "--flink", paramLabel = "KEY=VALUE",
            description = "A Flink setting over Witness's own for every run (repeatable), e.g. "
                    + "state.backend.rocksdb.block.blocksize=16kb.")
    List<String> flink = new ArrayList<>();

    @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE,...",
            description = "After the standard runs, the monitor again with these Flink settings added (repeatable): "
                    + "before/after of settings in one invocation.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--timeline", paramLabel = "DURATION",
            description = "During each window, a line this often: events/s, heap, heap live after GC, RSS, RocksDB and "
                    + "checkpoint folders, and the last checkpoint's duration and sizes when Flink's Prometheus "
                    + "reporter is on (--flink metrics.reporter.prom.factory.class=... --flink metrics.reporter.prom.port=P).")
    String timeline;

    @Option(names = "--state-cache", paramLabel = "SIZE",
            description = "Overrides job.state-cache: auto, off, or a size such as 512mb (per monitor subtask).")
    String stateCache;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Write a JFR recording (settings 'profile') of each run's measured window to DIR.")
    Path profile;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
            description = "Generator rate, total; 0 = as fast as the job takes them (throughput; latency then "
                    + "includes queueing). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--batch-max-items", paramLabel = "N", description = "Overrides job.batch.max-items (1 = no micro-batching).")
    Integer batchMaxItems;

    @Option(names = "--batch-max-delay", paramLabel = "DURATION", description = "Overrides job.batch.max-delay.")
    String batchMaxDelay;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where runs keep RocksDB files and checkpoints (default: a temporary folder, deleted).")
    Path dataDir;

    @Mixin
    BackendOption backendOption;

    @Override
    public Integer call() throws Exception {
        WitnessConfig c = backendOption.apply(ConfigLoader.load(config));
        if (c.monitors().stream().noneMatch(m -> m.id().equals(monitor))) {
            throw new WitnessCli.UserError("--monitor: no monitor '" + monitor + "' in " + config + " (it has "
                    + c.monitors().stream().map(m -> m.id()).toList() + ")");
        }
        List<Long> keyCounts;
        try {
            keyCounts = Bench.parseKeys(keys);
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError("--keys: " + e.getMessage());
        }
        if (!(rate >= 0 && rate <= 1e9)) {
            throw new WitnessCli.UserError("--rate must be in [0, 1e9], got " + rate);
        }
        ComputeSettings compute = c.job().compute();
        if (batchMaxItems != null || batchMaxDelay != null) {
            int items = batchMaxItems != null ? batchMaxItems : compute.batchMaxItems();
            Duration delay = batchMaxDelay != null ? positive(batchMaxDelay, "--batch-max-delay") : compute.batchMaxDelay();
            if (items < 1 || items > ComputeSettings.MAX_BATCH_ITEMS) {
                throw new WitnessCli.UserError("--batch-max-items must be in [1, " + ComputeSettings.MAX_BATCH_ITEMS
                        + "], got " + items);
            }
            c = c.withJob(c.job().withCompute(compute.withBatch(items, delay)));
        }
        if (stateCache != null) {
            try {
                c = c.withJob(c.job().withCompute(c.job().compute().withStateCache(ComputeSettings.stateCacheSize(stateCache))));
            } catch (IllegalArgumentException e) {
                throw new WitnessCli.UserError("--state-cache: " + e.getMessage());
            }
        }
        Map<String, String> flinkSettings = new LinkedHashMap<>();
        List<Bench.Variant> variantList = new ArrayList<>();
        try {
            for (String kv : flink) {
                String[] p = Bench.Variant.setting(kv);
                flinkSettings.put(p[0], p[1]);
            }
            for (String v : variants) {
                variantList.add(Bench.Variant.parse(v));
            }
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError("--flink / --variant: " + e.getMessage());
        }
        Bench.Options options = new Bench.Options(prewarm, !noCalibrated,
                baselineDuration == null ? null : positive(baselineDuration, "--baseline-duration"), flinkSettings,
                variantList, timeline == null ? null : positive(timeline, "--timeline"));
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("witness-bench-") : dataDir.toAbsolutePath();
        try {
            new Bench(monitor, keyCounts, positive(warmUp, "--warm-up"), steady, positive(steadyLimit, "--steady-limit"),
                    positive(duration, "--duration"), rate, seed, dir, profile == null ? null : profile.toAbsolutePath(),
                    options)
                    .run(c, System.out);
        } finally {
            if (temporary) {
                dir.toFile().delete();   // the runs delete their own folders
            }
        }
        return 0;
    }

    private static Duration positive(String text, String option) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError(option + ": " + e.getMessage());
        }
    }
}
