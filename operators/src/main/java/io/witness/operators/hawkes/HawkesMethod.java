package io.witness.operators.hawkes;

import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.Durations;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: hawkes} — multivariate Hawkes process of the event types of each key, fitted
 * continuously by streaming FaDIn (spec §A, §A.9); alarms on a baseline surge, a near-critical
 * branching ratio, a new or vanished excitation edge, and a poor time-rescaling fit. Reads no numeric
 * fields: each event's type (the monitor's {@code type-field}) is its dimension.
 *
 * <p>Parameters (all optional; durations as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}):
 * <table>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>kernel</td><td>truncated-gaussian</td><td>truncated-gaussian | truncated-exponential | raised-cosine | kumaraswamy</td></tr>
 * <tr><td>bin</td><td>1s</td><td>grid step Δ</td></tr>
 * <tr><td>support</td><td>30s</td><td>kernel support W (L = W/Δ ≤ 400 bins)</td></tr>
 * <tr><td>max-types</td><td>8</td><td>named types per key (1..32); more go to one overflow dimension</td></tr>
 * <tr><td>refit-interval</td><td>1m</td><td>event time between refits (and evidence steps)</td></tr>
 * <tr><td>min-events</td><td>100</td><td>events before the first refit</td></tr>
 * <tr><td>initial-iterations</td><td>300</td><td>most block iterations of the first refit</td></tr>
 * <tr><td>iterations</td><td>50</td><td>most block iterations of later (warm-started) refits</td></tr>
 * <tr><td>learning-rate</td><td>0.01</td><td>RMSprop rate of the kernel shapes, in units of W</td></tr>
 * <tr><td>half-life</td><td>30m</td><td>forgetting half-life of the statistics; 0 = never forget</td></tr>
 * <tr><td>max-lateness</td><td>= support</td><td>how far behind the newest event an event is still counted</td></tr>
 * <tr><td>branching-threshold</td><td>0.9</td><td>alarm when the branching ratio reaches it</td></tr>
 * <tr><td>edge-threshold</td><td>0.2</td><td>α_ij that puts an edge in the reported graph ({@code edges}; it leaves
 *     below half of it)</td></tr>
 * <tr><td>edge-confirm</td><td>3</td><td>consecutive refits a change of the reported graph must hold</td></tr>
 * <tr><td>edge-z</td><td>4</td><td>an edge enters the reported graph only with this z-score of its lagged pair count
 *     ({@link EdgeSignificance})</td></tr>
 * <tr><td>edge-change</td><td>0.2</td><td>δ: {@code new-edge} / {@code vanished-edge} alarm when α_ij has risen above /
 *     fallen below its reference fit ± δ, by a sequential test with false-alarm probability ≤ α per key
 *     ({@link EdgeChangeTest})</td></tr>
 * <tr><td>edge-reference</td><td>1h</td><td>event time from the first refit to the reference fit of the edge tests
 *     (at least warmup-refits refits): long enough that its α is accurate to well within edge-change</td></tr>
 * <tr><td>surge-factor</td><td>3</td><td>surge: events since the last refit ≥ this × the fit's expectation ...</td></tr>
 * <tr><td>surge-min-events</td><td>10</td><td>... and at least this many (and Poisson p &lt; α)</td></tr>
 * <tr><td>warmup-refits</td><td>10</td><td>refits before any alarm</td></tr>
 * <tr><td>gof-window</td><td>200</td><td>rescaled gaps per time-rescaling KS test (0 = off)</td></tr>
 * <tr><td>resolve-after</td><td>5</td><td>refits without an alarm after which the alert resolves</td></tr>
 * </table>
 */
public final class HawkesMethod implements MonitorMethod {

    public static final String NAME = "hawkes";

    /** The alarm conditions a Hawkes refit can meet (the closed label set of its alarm metric). */
    public static final Set<AlarmKind> ALARM_KINDS = Collections.unmodifiableSet(EnumSet.of(AlarmKind.SURGE,
            AlarmKind.BRANCHING, AlarmKind.NEW_EDGE, AlarmKind.VANISHED_EDGE, AlarmKind.POOR_FIT));
    public static final int MAX_TYPES = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of();
    }

    @Override
    public boolean usesEventType() {
        return true;
    }

    @Override
    public HawkesFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new HawkesFactory(parse(alpha, params));
    }

    /** Validates everything; each error names its parameter. */
    public static HawkesSettings parse(double alpha, Map<String, Object> params) {
        MonitorMethod.requireAlpha(alpha);
        Params p = new Params(params);
        KernelFamily kernel = p.getEnum("kernel", KernelFamily.class, KernelFamily.TRUNCATED_GAUSSIAN);
        long bin = duration(p, "bin", 1_000);
        if (bin < 1) {
            throw bad("bin", "must be at least 1ms");
        }
        long support = duration(p, "support", 30_000);
        if (support < bin || support % bin != 0) {
            throw bad("support", "must be a positive multiple of bin (" + bin + " ms), got " + support + " ms");
        }
        long bins = support / bin;
        if (bins > HawkesGrid.MAX_SUPPORT_BINS) {
            throw bad("support", "is " + bins + " bins of " + bin + " ms; at most " + HawkesGrid.MAX_SUPPORT_BINS
                    + " (a refit costs O(p³·L²)): use a larger bin");
        }
        int maxTypes = p.getInt("max-types", 8, 1, MAX_TYPES);
        long refit = duration(p, "refit-interval", 60_000);
        if (refit < 1) {
            throw bad("refit-interval", "must be at least 1ms");
        }
        int minEvents = p.getInt("min-events", 100, 1, Integer.MAX_VALUE);
        int initialIterations = p.getInt("initial-iterations", 300, 0, 100_000);
        int iterations = p.getInt("iterations", 50, 0, 100_000);
        double lr = p.getDouble("learning-rate", 0.01, 1e-6, 1.0);
        long halfLife = duration(p, "half-life", 30 * 60_000L);
        long lateness = duration(p, "max-lateness", support);
        if (lateness > 1000 * support) {
            throw bad("max-lateness", "must be at most 1000 × support (the ring buffer holds it), got " + lateness + " ms");
        }
        double branching = p.getDouble("branching-threshold", 0.9, 1e-6, 100);
        double edge = p.getDouble("edge-threshold", 0.2, 1e-6, 100);
        int edgeConfirm = p.getInt("edge-confirm", 3, 1, 100);
        double edgeZ = p.getDouble("edge-z", 4.0, 0.0, 1e6);
        double surge = p.getDouble("surge-factor", 3.0, 1.0, 1e6);
        int surgeMin = p.getInt("surge-min-events", 10, 1, Integer.MAX_VALUE);
        int warmup = p.getInt("warmup-refits", 10, 1, 1_000_000);
        int gof = p.getInt("gof-window", 200, 0, 100_000);
        if (gof > 0 && gof < 20) {
            throw bad("gof-window", "must be 0 (off) or at least 20 gaps, got " + gof);
        }
        int resolveAfter = p.getInt("resolve-after", 5, 1, Integer.MAX_VALUE);
        double edgeChange = p.getDouble("edge-change", 0.2, 1e-3, 100);
        long edgeReference = duration(p, "edge-reference", 60 * 60_000L);
        p.rejectUnknown();
        return new HawkesSettings(kernel, bin, (int) bins, maxTypes, refit, minEvents, initialIterations, iterations,
                lr, halfLife, lateness, alpha, branching, edge, edgeConfirm, edgeZ, surge, surgeMin, warmup, gof, resolveAfter,
                edgeChange, edgeReference);
    }

    /** A duration parameter, in milliseconds ({@link Durations}). */
    static long duration(Params p, String name, long dfltMillis) {
        String raw = p.getString(name, null);
        if (raw == null) {
            return dfltMillis;
        }
        try {
            return Durations.parse(raw).toMillis();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String name, String problem) {
        return new IllegalArgumentException("parameter '" + name + "' " + problem);
    }
}
