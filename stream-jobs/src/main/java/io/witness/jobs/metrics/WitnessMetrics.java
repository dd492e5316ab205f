package io.witness.jobs.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.Summary;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import io.witness.jobs.config.PortRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Witness's own Prometheus metrics, one set per JVM (a MiniCluster, or each Flink TaskManager).
 * Labels are bounded: source topic, monitor id, dead-letter reason, backend — never an event key.
 * The README's "Metrics" section lists every series.
 */
public final class WitnessMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessMetrics.class);

    public static final Counter EVENTS_IN = Counter.build()
            .name("witness_events_in_total").help("Input records read, by source topic (or input file in replay).")
            .labelNames("source").register();
    public static final Counter DEAD_LETTERS = Counter.build()
            .name("witness_dead_letters_total").help("Input records sent to the dead-letter topic, by reason code.")
            .labelNames("reason").register();
    public static final Counter OBSERVATIONS = Counter.build()
            .name("witness_observations_total").help("Valid observations consumed by a monitor, by monitor.")
            .labelNames("monitor").register();
    public static final Counter EVIDENCE_STEPS = Counter.build()
            .name("witness_evidence_steps_total").help("Decision steps (evidence records computed), by monitor.")
            .labelNames("monitor").register();
    public static final Counter ALARMS = Counter.build()
            .name("witness_alarm_steps_total").help("Decision steps whose statistic crossed the threshold, by monitor.")
            .labelNames("monitor").register();
    public static final Counter ALERTS_OPENED = Counter.build()
            .name("witness_alerts_opened_total").help("Alerts opened, by monitor.")
            .labelNames("monitor").register();
    public static final Counter ALERTS_UPDATED = Counter.build()
            .name("witness_alerts_updated_total").help("UPDATE records emitted for open alerts, by monitor.")
            .labelNames("monitor").register();
    public static final Counter ALERTS_RESOLVED = Counter.build()
            .name("witness_alerts_resolved_total").help("Alerts resolved by the method's reset rule, by monitor.")
            .labelNames("monitor").register();
    public static final Histogram PROCESSING_LATENCY = Histogram.build()
            .name("witness_processing_latency_seconds")
            .help("Wall time from decoding an input record to the monitor's output for it, by monitor.")
            .labelNames("monitor")
            .buckets(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30)
            .register();
    public static final Summary STATE_BYTES = Summary.build()
            .name("witness_state_bytes").help("Serialised per-key state size at each write to keyed state, by monitor (bytes).")
            .labelNames("monitor").register();
    public static final Counter STATE_CACHE_LOOKUPS = Counter.build()
            .name("witness_state_cache_lookups_total").help("Reads of a per-key state through the keyed-state cache "
                    + "(job.state-cache), by result: hit (in heap) or miss (read from keyed state).")
            .labelNames("result").register();
    public static final Counter STATE_CACHE_EVICTIONS = Counter.build()
            .name("witness_state_cache_evictions_total").help("Per-key states evicted from the keyed-state cache "
                    + "(written to keyed state first when changed).").register();
    public static final Gauge STATE_CACHE_BYTES = Gauge.build()
            .name("witness_state_cache_bytes").help("Heap bytes held by the keyed-state caches of this JVM's monitor "
                    + "operators (serialised state sizes plus a per-entry overhead).").register();
    public static final Gauge BACKEND_INFO = Gauge.build()
            .name("witness_backend_info").help("Compute backend in use (value 1 on the backend's label; "
                    + "set when the job selects it at start-up).")
            .labelNames("backend").register();
    /** Values of the {@code trigger} label of {@link #BATCH_FLUSHES}. */
    public static final String FLUSH_SIZE = "size";
    public static final String FLUSH_DELAY = "delay";
    public static final String FLUSH_CHECKPOINT = "checkpoint";
    public static final String FLUSH_END = "end";
    public static final String FLUSH_IDLE = "idle";
    public static final Counter BATCH_FLUSHES = Counter.build()
            .name("witness_batch_flushes_total").help("Micro-batches of the monitor operator processed, by what "
                    + "triggered them: size (job.batch.max-items), delay (job.batch.max-delay), checkpoint, end, idle (the input went idle).")
            .labelNames("trigger").register();
    public static final Summary BATCH_ITEMS = Summary.build()
            .name("witness_batch_items").help("Observations per micro-batch of the monitor operator.")
            .register();
    public static final Gauge BUILD_INFO = Gauge.build()
            .name("witness_build_info").help("Witness version (value 1).")
            .labelNames("version").register();
    public static final Gauge MONITOR_ALPHA = Gauge.build()
            .name("witness_monitor_alpha").help("Configured false-alarm level alpha, by monitor (e-value threshold = 1/alpha).")
            .labelNames("monitor").register();
    // ---- bandit service (README "Bandit service"); labels: bandit id, and a fixed set of feedback outcomes ----
    public static final Counter BANDIT_DECISIONS = Counter.build()
            .name("witness_bandit_decisions_total").help("Decisions made (recorded in state, then emitted), by bandit.")
            .labelNames("bandit").register();
    public static final Counter BANDIT_EXPLORATIONS = Counter.build()
            .name("witness_bandit_explorations_total").help("Decisions that were data-independent exploration plays (bpe-delay, jdp), by bandit.")
            .labelNames("bandit").register();
    /** Outcomes: applied, unused (the policy ignores it by design), duplicate, unmatched, late. */
    public static final Counter BANDIT_FEEDBACK = Counter.build()
            .name("witness_bandit_feedback_total").help("Feedback records, by bandit and outcome (applied, unused, duplicate, unmatched, late).")
            .labelNames("bandit", "outcome").register();
    public static final Counter BANDIT_EXPIRED = Counter.build()
            .name("witness_bandit_expired_total").help("Decisions whose feedback did not come within the feedback timeout, by bandit.")
            .labelNames("bandit").register();
    public static final Gauge BANDIT_PENDING = Gauge.build()
            .name("witness_bandit_pending").help("Decisions waiting for their feedback, by bandit (restored with the checkpoint).")
            .labelNames("bandit").register();
    public static final Summary BANDIT_REWARD = Summary.build()
            .name("witness_bandit_reward").help("Rewards received in matched feedback, by bandit (_sum is the total reward).")
            .labelNames("bandit").register();
    public static final Summary BANDIT_DECISION_SD = Summary.build()
            .name("witness_bandit_decision_sd").help("Posterior standard deviation of the chosen action at decision time, by bandit (falls as the policy learns).")
            .labelNames("bandit").register();
    public static final Gauge BANDIT_EPSILON = Gauge.build()
            .name("witness_bandit_privacy_epsilon_spent").help("jdp: epsilon spent by an entity present in every private release so far (the largest over the keys this process served), by bandit.")
            .labelNames("bandit").register();
    public static final Gauge BANDIT_EPSILON_BUDGET = Gauge.build()
            .name("witness_bandit_privacy_epsilon_budget").help("jdp: epsilon an entity present in every release spends once max-releases releases are made (then the policy only exploits), by bandit.")
            .labelNames("bandit").register();
    public static final Counter BANDIT_RELEASES = Counter.build()
            .name("witness_bandit_privacy_releases_total").help("jdp: private releases of exploration statistics, by bandit.")
            .labelNames("bandit").register();
    /** witness_evidence_max_log_e_value and witness_evidence_min_p_value (see {@link EvidenceWindow}). */
    private static final EvidenceWindow EVIDENCE = new EvidenceWindow(System::currentTimeMillis).register();

    public static final Gauge HAWKES_BRANCHING_RATIO = Gauge.build()
            .name("witness_hawkes_branching_ratio")
            .help("Branching ratio (spectral radius of the excitation matrix) at the latest Hawkes refit of any key, by monitor.")
            .labelNames("monitor").register();
    public static final Histogram HAWKES_REFIT_BRANCHING_RATIO = Histogram.build()
            .name("witness_hawkes_refit_branching_ratio")
            .help("Branching ratio of every Hawkes refit, all keys, by monitor.")
            .labelNames("monitor")
            .buckets(0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0, 1.25)
            .register();
    public static final Counter HAWKES_REFITS = Counter.build()
            .name("witness_hawkes_refits_total").help("Hawkes refits (evidence steps), all keys, by monitor.")
            .labelNames("monitor").register();
    public static final Counter HAWKES_ALARMS = Counter.build()
            .name("witness_hawkes_alarms_total")
            .help("Hawkes refits that met an alarm condition, by monitor and kind (surge, branching, new-edge, vanished-edge, poor-fit).")
            .labelNames("monitor", "kind").register();

    private static HTTPServer server;

    static {
        for (io.witness.schemas.DeadLetterReason r : io.witness.schemas.DeadLetterReason.values()) {
            DEAD_LETTERS.labels(r.name());   // every reason at 0 from the start (see initMonitor)
        }
        String version = WitnessMetrics.class.getPackage().getImplementationVersion();
        BUILD_INFO.labels(version == null ? "dev" : version).set(1);
    }

    private WitnessMetrics() {
    }

    /**
     * Creates a monitor's labelled series at 0 before its first event, so that {@code increase()} in an
     * alerting rule also counts a monitor's first alert (a series that appears at 1 has no increase).
     */
    public static void initMonitor(String monitor, double alpha) {
        for (Counter c : new Counter[] {OBSERVATIONS, EVIDENCE_STEPS, ALARMS, ALERTS_OPENED, ALERTS_UPDATED, ALERTS_RESOLVED}) {
            c.labels(monitor);
        }
        MONITOR_ALPHA.labels(monitor).set(alpha);
    }

    /**
     * Creates a bandit's labelled series at 0 (see {@link #initMonitor}); for a {@code jdp} bandit
     * ({@code epsilonBudget} a number, NaN otherwise) also the privacy gauges: ε spent at 0 and the budget.
     */
    public static void initBandit(String bandit, double epsilonBudget) {
        BANDIT_DECISIONS.labels(bandit);
        BANDIT_REWARD.labels(bandit);
        BANDIT_DECISION_SD.labels(bandit);
        if (!Double.isNaN(epsilonBudget)) {
            BANDIT_EPSILON.labels(bandit);
            BANDIT_EPSILON_BUDGET.labels(bandit).set(epsilonBudget);
        }
        BANDIT_EXPLORATIONS.labels(bandit);
        BANDIT_EXPIRED.labels(bandit);
        BANDIT_RELEASES.labels(bandit);
        BANDIT_PENDING.labels(bandit);
        for (String outcome : new String[] {"applied", "unused", "duplicate", "unmatched", "late"}) {
            BANDIT_FEEDBACK.labels(bandit, outcome);
        }
    }

    /** Raises the privacy gauge to {@code epsilon} if that is more than it shows (a maximum over keys). */
    public static synchronized void recordEpsilon(String bandit, double epsilon) {
        Gauge.Child g = BANDIT_EPSILON.labels(bandit);
        if (epsilon > g.get()) {
            g.set(epsilon);
        }
    }

    /** Feeds one decision step's e-value / p-value (either may be null) into the windowed evidence gauges. */
    public static void recordEvidence(String monitor, Double eValue, Double pValue) {
        EVIDENCE.record(monitor, eValue, pValue);
    }

    /**
     * Starts the /metrics endpoint once per JVM on 127.0.0.1-or-all interfaces; later calls are no-ops.
     * A port already in use is logged and skipped: metrics must never stop the job.
     *
     * @return the port serving, or -1 when none
     */
    public static synchronized int ensureServer(String host, int port) {
        return ensureServer(host, port <= 0 ? PortRange.NONE : PortRange.single(port));
    }

    /**
     * As {@link #ensureServer(String, int)} on the first free port of the range (like Flink's Prometheus
     * reporter), so that several TaskManagers on one host each serve their own metrics.
     */
    public static synchronized int ensureServer(String host, PortRange ports) {
        if (server != null) {
            return server.getPort();
        }
        if (ports.off()) {
            return -1;
        }
        IOException last = null;
        for (int port = ports.first(); port <= ports.last(); port++) {
            try {
                DefaultExports.initialize();
                server = new HTTPServer.Builder()
                        .withInetSocketAddress(new InetSocketAddress(host, port))
                        .withRegistry(CollectorRegistry.defaultRegistry)
                        .withDaemonThreads(true)
                        .build();
                LOG.info("witness metrics at http://{}:{}/metrics", host, server.getPort());
                return server.getPort();
            } catch (IOException e) {
                last = e;
            }
        }
        LOG.warn("cannot serve witness metrics on {}:{} ({}); continuing without the endpoint", host, ports,
                last == null ? "?" : last.getMessage());
        return -1;
    }

    /** A port that was free a moment ago (for the demo's fallback when the default port is taken). */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            return -1;
        }
    }

    public static synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
