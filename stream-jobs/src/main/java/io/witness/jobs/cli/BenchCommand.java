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
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput and latency of one monitor against a no-op baseline, in the same run. "
                + "For each key count the real job (decode, keyBy, monitor operator, RocksDB state, checkpoints, "
                        + "micro-batches) runs on a local MiniCluster fed by an in-memory generator (no Kafka), once with "
                        + "the monitor and once with a 'noop' monitor that keeps the same state bytes per key and emits "
                        + "evidence at the same pace but computes nothing. Prints events/s, p50/p99 event-to-evidence "
                        + "latency (ms) and state bytes per key for both and their ratio, then one line per key count:",
                "bench monitor=<id> keys=<n> events_per_s=<x> baseline_events_per_s=<y> ratio=<x/y> p99_ms=<z> "
                        + "state_bytes_per_key=<b>",
                "Memory: the heap holds at most one micro-batch of deserialised models (max-items x state bytes) and "
                        + "RocksDB uses Flink's managed memory, so -Xmx1g is enough for any key count; disk grows by the "
                        + "state bytes of every distinct key touched (a run stops early below 2 GiB free)."})
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
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("witness-bench-") : dataDir.toAbsolutePath();
        try {
            new Bench(monitor, keyCounts, positive(warmUp, "--warm-up"), positive(duration, "--duration"), rate, seed, dir)
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
