package io.witness.jobs.bench;

import io.witness.jobs.config.ComputeSettings;
import io.witness.operators.monitor.Durations;
import io.witness.jobs.config.KeyField;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.Backends;
import io.witness.operators.noop.NoopMethod;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code witness bench}: the end-to-end harness. For each key count, the real job runs twice on a local
 * MiniCluster with RocksDB state — once with the monitor under test, once with a {@code noop} monitor
 * calibrated to the same state bytes per key and the same step pace ({@link Calibration}) — fed by the
 * same in-memory generator; events/s, event-to-evidence latency and state bytes per key are measured over
 * the same window for both. The monitor runs first, so JVM warm-up never favours it.
 *
 * @param monitorId  the monitor of the config to measure
 * @param keys       key counts, in order
 * @param warmUp     run time before the window opens (JIT, RocksDB, first checkpoint)
 * @param window     measured time per run
 * @param rate       total events per second of the generator; 0 = as fast as the job takes them
 * @param seed       generator seed
 * @param dataDir    where the runs keep checkpoints and RocksDB files (each run's folder is deleted after it)
 */
public record Bench(String monitorId, List<Long> keys, Duration warmUp, Duration window, double rate, long seed,
                    Path dataDir) {

    static final String TOPIC = "bench.events";
    static final String ALERTS = "bench.alerts";
    static final String EVIDENCE = "bench.evidence";
    static final String DEAD_LETTERS = "bench.dead-letters";
    static final String BASELINE_ID = "noop-baseline";

    /** Runs everything and prints progress, the final table and the machine-readable lines to {@code out}. */
    public void run(WitnessConfig config, PrintStream out) throws Exception {
        MonitorConfig declared = config.monitor(monitorId);
        MonitorConfig monitor = new MonitorConfig(declared.id(), TOPIC, WireFormat.JSON, KeyField.KEY, declared.roles(),
                declared.method(), declared.params(), declared.alpha(), ALERTS, EVIDENCE, DEAD_LETTERS,
                declared.updateInterval(), declared.evidenceEvery());
        Calibration cal = Calibration.of(monitor, seed);
        MonitorConfig baseline = new MonitorConfig(BASELINE_ID, TOPIC, WireFormat.JSON, KeyField.KEY,
                Map.of("x", monitor.inputFields()), NoopMethod.NAME, cal.noopParams(), monitor.alpha(),
                ALERTS, EVIDENCE, DEAD_LETTERS, monitor.updateInterval(), monitor.evidenceEvery());
        WitnessConfig base = config.withJob(config.job().withMetricsPort(0).withStopAtLatest(false));
        ComputeSettings compute = base.job().compute();
        Backends.select(compute.backend(), compute.precision());   // `cuda` without a device: one line, before anything runs

        out.printf(Locale.ROOT, "witness bench: monitor '%s' (%s), fields %s%n", monitor.id(), monitor.method(),
                monitor.roles());
        out.printf(Locale.ROOT, "witness bench: source: in-memory generator (no Kafka): JSON events with N(0,1) values, "
                + "keys k0..k<n-1> uniform, event time = wall clock at generation%s; sink: in-memory latency probe "
                + "(no Kafka)%n", rate > 0 ? String.format(Locale.ROOT, ", %.0f events/s", rate) : ", as fast as the job takes them");
        out.printf(Locale.ROOT, "witness bench: job: the real pipeline (decode + validate, watermarks, keyBy, monitor operator) "
                        + "on a local MiniCluster, parallelism %d, RocksDB state, checkpoints every %s, %s, backend %s%n",
                base.job().parallelism(), Durations.format(base.job().checkpointInterval()),
                compute.unbatched() ? "no micro-batching" : "micro-batches of " + compute.batchMaxItems() + " / "
                        + Durations.format(compute.batchMaxDelay()), compute.backend());
        out.printf(Locale.ROOT, "witness bench: calibration (in process, one key, %,d observations, %,d steps): model "
                        + "state %,d bytes, a step every %d observation(s) after the first %d -> baseline: noop %s%n",
                cal.observations(), cal.steps(), cal.modelBytes(), cal.stepEvery(), cal.silentFor(), cal.noopParams());
        out.printf(Locale.ROOT, "witness bench: per run: warm-up %s, then a %s window%n", Durations.format(warmUp),
                Durations.format(window));

        BenchReport report = new BenchReport(monitor.id());
        for (long n : keys) {
            Measurement m = runOne(base, monitor, n, "monitor '" + monitor.id() + "' (" + monitor.method() + ")", out);
            Measurement b = runOne(base, baseline, n, "noop baseline", out);
            BenchReport.Row row = new BenchReport.Row(n, m, b);
            report.add(row);
            if (b.stateBytesPerKey() > 0 && Math.abs(m.stateBytesPerKey() - b.stateBytesPerKey()) > 0.1 * b.stateBytesPerKey()) {
                out.printf(Locale.ROOT, "witness bench: note: at %,d keys the monitor's state averaged %,.0f bytes per key "
                        + "against the baseline's %,.0f: most keys are still warming up (burn-in); fix the bandwidths "
                        + "or run longer for a steady-state comparison%n", n, m.stateBytesPerKey(), b.stateBytesPerKey());
            }
        }
        out.println();
        out.print(report.table());
        out.println();
        for (BenchReport.Row r : report.rows()) {
            out.println(report.machineLine(r));
        }
        out.flush();
    }

    private Measurement runOne(WitnessConfig base, MonitorConfig m, long n, String label, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "witness bench: keys=%d: %s ...%n", n, label);
        out.flush();
        WitnessConfig c = new WitnessConfig(base.kafka(), base.job(), List.of(m));
        BenchGenerator gen = new BenchGenerator(TOPIC, m.inputFields(), n, seed, rate);
        Path dir = Files.createTempDirectory(Files.createDirectories(dataDir), "run-");
        try {
            Measurement r = BenchRun.run(label, c, gen, dir, warmUp, window);
            out.printf(Locale.ROOT, "witness bench: keys=%d: %s: %,.0f events/s, %,.0f evidence/s, p50 %s ms, p99 %s ms, "
                            + "%,.0f state bytes per key%s%n", n, label, r.eventsPerSecond(), r.evidencePerSecond(),
                    fmt(r.p50Millis()), fmt(r.p99Millis()), r.stateBytesPerKey(), r.note() == null ? "" : " (" + r.note() + ")");
            return r;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** Parses {@code 1,10000,1000000} (also {@code 10k}, {@code 1m}). */
    public static List<Long> parseKeys(String text) {
        List<Long> out = Stream.of(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Bench::count)
                .collect(Collectors.toList());
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one key count, e.g. 1,10000");
        }
        return out;
    }

    private static long count(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long mult = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        long v;
        try {
            v = Long.parseLong(digits.replace("_", "")) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a key count");
        }
        if (v < 1 || v > 1_000_000_000L) {
            throw new IllegalArgumentException("key counts must be in [1, 1000000000], got " + s);
        }
        return v;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder; the next run uses its own
        }
    }
}
