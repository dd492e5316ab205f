package io.witness.jobs.bench;

import io.witness.jobs.config.ComputeSettings;
import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.core.MonitorBinder;
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
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code witness bench}: the end-to-end harness. For each key count, the real job runs three times on a
 * local MiniCluster with RocksDB state — with the monitor under test; with a {@code noop} monitor
 * calibrated to the same state bytes per key and the same step pace ({@link Calibration}); and with the
 * bare pipeline, a {@code noop} of the same pace with {@value #BARE_STATE_BYTES} bytes of state (the
 * pipeline's own ceiling) — fed by the same in-memory generator; events/s, event-to-evidence latency and
 * state bytes per key are measured over the same window for all three. The monitor runs first, so JVM
 * warm-up never favours it. The ratio to the calibrated baseline is what the method's arithmetic costs;
 * the ratio to the bare pipeline adds what its state size costs.
 *
 * @param monitorId  the monitor of the config to measure
 * @param keys       key counts, in order
 * @param warmUp     run time before the window opens (JIT, RocksDB, first checkpoint)
 * @param steady     also warm up until every key has had its method's warm-up ({@link Calibration#settledAfter})
 * @param steadyLimit at most this long waiting for the steady state
 * @param window     measured time per run
 * @param rate       total events per second of the generator; 0 = as fast as the job takes them
 * @param seed       generator seed
 * @param dataDir    where the runs keep checkpoints and RocksDB files (each run's folder is deleted after it)
 * @param profileDir when not null, a JFR recording of each run's window is written there
 * @param options    {@code --prewarm}, baselines, Flink settings and variants, the timeline ({@link Options})
 */
public record Bench(String monitorId, List<Long> keys, Duration warmUp, boolean steady, Duration steadyLimit,
                    Duration window, double rate, long seed, Path dataDir, Path profileDir, Options options) {

    /**
     * @param prewarm          every key starts from a template warmed in process ({@link Prewarm}); with
     *                         {@code steady}, the window then waits only until every key has been seen once
     * @param calibrated       also run the calibrated {@code noop} baseline (the bare pipeline always runs)
     * @param baselineWindow   the window of the baseline runs (null: the monitor's)
     * @param flink            Flink settings over Witness's own for every run ({@code --flink KEY=VALUE})
     * @param variants         after the standard runs, the monitor again under each variant's settings
     * @param timeline         when not null, one line of throughput, memory, disk and checkpoints this often
     */
    public record Options(boolean prewarm, boolean calibrated, Duration baselineWindow, Map<String, String> flink,
                          List<Variant> variants, Duration timeline) {
        public static final Options DEFAULT = new Options(false, true, null, Map.of(), List.of(), null);

        public Options {
            flink = Map.copyOf(flink);
            variants = List.copyOf(variants);
        }
    }

    /** A named set of Flink settings ({@code --variant NAME:KEY=VALUE,KEY=VALUE}). */
    public record Variant(String name, Map<String, String> flink) {
        public Variant {
            flink = Map.copyOf(flink);
        }

        /** Parses {@code NAME:KEY=VALUE,KEY=VALUE}. */
        public static Variant parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("'" + text + "': expected NAME:KEY=VALUE,KEY=VALUE");
            }
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            for (String kv : text.substring(colon + 1).split(",")) {
                if (!kv.isBlank()) {
                    String[] p = setting(kv);
                    settings.put(p[0], p[1]);
                }
            }
            return new Variant(text.substring(0, colon).trim(), settings);
        }

        /** {@code KEY=VALUE} as {key, value}. */
        public static String[] setting(String kv) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + kv + "': expected KEY=VALUE");
            }
            return new String[] {kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()};
        }
    }

    static final String TOPIC = "bench.events";
    static final String ALERTS = "bench.alerts";
    static final String EVIDENCE = "bench.evidence";
    static final String DEAD_LETTERS = "bench.dead-letters";
    static final String BASELINE_ID = "noop-baseline";
    static final String BARE_ID = "noop-bare";
    /** Model bytes of the bare pipeline's noop (its envelope adds the dedupe window and alert bookkeeping). */
    static final int BARE_STATE_BYTES = 64;
    /** Steady-state waits are for at most this many keys (one int each in the generator's counts). */
    static final long MAX_STEADY_KEYS = 50_000_000L;

    /** Runs everything and prints progress, the final table and the machine-readable lines to {@code out}. */
    public void run(WitnessConfig config, PrintStream out) throws Exception {
        MonitorConfig declared = config.monitor(monitorId);
        MonitorConfig monitor = new MonitorConfig(declared.id(), TOPIC, WireFormat.JSON, KeyField.KEY, declared.roles(),
                declared.method(), declared.params(), declared.alpha(), ALERTS, EVIDENCE, DEAD_LETTERS,
                declared.updateInterval(), declared.evidenceEvery(), declared.typeField());
        boolean typed = declared.typeField() != null;
        Calibration cal = Calibration.of(monitor, seed);
        // a point-process monitor reads no fields: its baselines read one scalar the generator adds for them
        List<FieldSpec> noopFields = monitor.inputFields().isEmpty() ? List.of(new FieldSpec("x", 1, false))
                : monitor.inputFields();
        MonitorConfig calibratedBaseline = new MonitorConfig(BASELINE_ID, TOPIC, WireFormat.JSON, KeyField.KEY,
                Map.of("x", noopFields), NoopMethod.NAME, cal.noopParams(), monitor.alpha(),
                ALERTS, EVIDENCE, DEAD_LETTERS, monitor.updateInterval(), monitor.evidenceEvery());
        MonitorConfig bare = new MonitorConfig(BARE_ID, TOPIC, WireFormat.JSON, KeyField.KEY,
                Map.of("x", noopFields), NoopMethod.NAME, cal.noopParams(BARE_STATE_BYTES), monitor.alpha(),
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
                        + "state %,d bytes, a step every %d observation(s) after the first %d, steady after %,d "
                        + "observations -> baseline: noop %s; bare pipeline: noop %s%n",
                cal.observations(), cal.steps(), cal.modelBytes(), cal.stepEvery(), cal.silentFor(), cal.settledAfter(),
                cal.noopParams(), cal.noopParams(BARE_STATE_BYTES));
        long cache = compute.stateCacheBytes();
        out.printf(Locale.ROOT, "witness bench: keyed-state cache: %s%n", cache == ComputeSettings.STATE_CACHE_AUTO
                ? String.format(Locale.ROOT, "auto (%d %% of the %,d MiB heap per task slot)",
                ComputeSettings.STATE_CACHE_HEAP_SHARE_PERCENT, Runtime.getRuntime().maxMemory() >> 20)
                : cache == 0 ? "off" : String.format(Locale.ROOT, "%,d MiB", cache >> 20));
        out.printf(Locale.ROOT, "witness bench: per run: warm-up %s%s, then a %s window%n", Durations.format(warmUp),
                !steady ? "" : options.prewarm()
                        ? String.format(Locale.ROOT, " and until every key has been seen once (prewarmed; at most %s)",
                        Durations.format(steadyLimit))
                        : String.format(Locale.ROOT, " and until every key has had %,d events (steady state; at most %s)",
                        cal.settledAfter(), Durations.format(steadyLimit)), Durations.format(window));

        if (!options.flink().isEmpty()) {
            out.printf(Locale.ROOT, "witness bench: Flink settings over Witness's own: %s%n", options.flink());
        }
        BenchReport report = new BenchReport(monitor.id(), steady || options.prewarm());
        Duration baseWindow = options.baselineWindow() == null ? window : options.baselineWindow();
        for (long n : keys) {
            if (steady && n > MAX_STEADY_KEYS) {
                throw new IllegalArgumentException("--warm-up steady counts events per key: at most "
                        + MAX_STEADY_KEYS + " keys, got " + n);
            }
            // prewarmed keys are steady from their first event: wait only until each has one (its state in RocksDB)
            int target = options.prewarm() ? 1 : (int) Math.min(Integer.MAX_VALUE, cal.settledAfter());
            MonitorBinder binder = MonitorBinder.DEFAULT;
            MonitorConfig baseline = calibratedBaseline;
            if (options.prewarm()) {
                long t = System.nanoTime();
                long spacing = Prewarm.spacingMillis(n, rate);
                List<byte[]> templates = Prewarm.templates(monitor, seed, cal.observations(), System.currentTimeMillis(),
                        spacing);
                binder = new Prewarm.Binder(Map.of(monitor.id(), templates));
                IntSummaryStatistics sizes = templates.stream().mapToInt(b -> b.length).summaryStatistics();
                out.printf(Locale.ROOT, "witness bench: keys=%d: --prewarm: the keys of '%s' start from %d template models "
                                + "in turn, warmed in process on the generator's stream (%,d to %,d observations, %,d ms "
                                + "apart, %.1f s): %,d to %,d bytes of model (mean %,.0f, the calibrated baseline's size)%n",
                        n, monitor.id(), templates.size(), cal.observations(), cal.observations()
                                + (templates.size() - 1) * ((cal.observations() + Prewarm.TEMPLATES - 1) / Prewarm.TEMPLATES),
                        spacing, (System.nanoTime() - t) / 1e9, sizes.getMin(), sizes.getMax(), sizes.getAverage());
                // a cyclic method's calibration ends at one point of its cycle; the templates sample several
                baseline = new MonitorConfig(BASELINE_ID, TOPIC, WireFormat.JSON, KeyField.KEY, Map.of("x", noopFields),
                        NoopMethod.NAME, cal.noopParams((int) Math.max(10, Math.round(sizes.getAverage()))),
                        monitor.alpha(), ALERTS, EVIDENCE, DEAD_LETTERS, monitor.updateInterval(), monitor.evidenceEvery());
            }
            String label = "monitor '" + monitor.id() + "' (" + monitor.method() + ")";
            Measurement m = runOne(base, monitor, n, label, target, window, Map.of(), binder, typed, out);
            Measurement b = options.calibrated()
                    ? runOne(base, baseline, n, "noop baseline", target, baseWindow, Map.of(), binder, typed, out) : null;
            Measurement bp = runOne(base, bare, n, "bare pipeline", target, baseWindow, Map.of(), binder, typed, out);
            List<Measurement> variantRuns = new java.util.ArrayList<>();
            for (Variant v : options.variants()) {
                variantRuns.add(runOne(base, monitor, n, label + " [" + v.name() + "]", target, window, v.flink(),
                        binder, typed, out));
            }
            BenchReport.Row row = new BenchReport.Row(n, m, b, bp, variantRuns);
            report.add(row);
            if (b != null && b.stateBytesPerKey() > 0 && Math.abs(m.stateBytesPerKey() - b.stateBytesPerKey()) > 0.1 * b.stateBytesPerKey()) {
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

    private Measurement runOne(WitnessConfig base, MonitorConfig m, long n, String label, int steadyTarget,
                               Duration runWindow, Map<String, String> variant, MonitorBinder bind, boolean typed,
                               PrintStream out)
            throws Exception {
        out.printf(Locale.ROOT, "witness bench: keys=%d: %s ...%n", n, label);
        out.flush();
        WitnessConfig c = new WitnessConfig(base.kafka(), base.job(), List.of(m));
        String runId = UUID.randomUUID().toString();
        SteadyProbe probe = steady ? SteadyProbe.start(runId, (int) n, steadyTarget) : null;
        List<FieldSpec> fields = m.inputFields();
        BenchGenerator gen = new BenchGenerator(TOPIC, fields, typed, n, seed, rate, steady ? runId : null);
        Path dir = Files.createTempDirectory(Files.createDirectories(dataDir), "run-");
        Map<String, String> flink = new java.util.LinkedHashMap<>(options.flink());
        flink.putAll(variant);
        try {
            Measurement r = BenchRun.run(runId, label, c, gen, dir, new BenchRun.WarmUp(warmUp, probe, steadyLimit),
                    runWindow, profileDir, new BenchRun.Setup(bind, flink, options.timeline(), out));
            out.printf(Locale.ROOT, "witness bench: keys=%d: %s: %,.0f events/s, %,.0f evidence/s, p50 %s ms, p99 %s ms, "
                            + "%,.0f state bytes per key; warm-up %.0f s; RocksDB folder %,d MiB, checkpoints %,d MiB, "
                            + "heap used %,d MiB, RSS %,d MiB%s%n", n, label, r.eventsPerSecond(), r.evidencePerSecond(),
                    fmt(r.p50Millis()), fmt(r.p99Millis()), r.stateBytesPerKey(), r.warmUpSeconds(), r.rocksDbBytes() >> 20,
                    r.checkpointBytes() >> 20, r.heapUsedBytes() >> 20, r.residentBytes() >> 20,
                    r.note() == null ? "" : " (" + r.note() + ")");
            if (r.profile() != null) {
                Measurement.Profile p = r.profile();
                out.printf(Locale.ROOT, "witness bench: keys=%d: %s: profile %s: %s%n", n, label, p.file(),
                        ProfileSummary.of(p.file(), p.from(), p.to()).line(6));
            }
            return r;
        } finally {
            SteadyProbe.remove(runId);
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
