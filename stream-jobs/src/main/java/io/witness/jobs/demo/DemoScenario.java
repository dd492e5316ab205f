package io.witness.jobs.demo;

import io.witness.operators.monitor.SplitMix64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The synthetic world of {@code witness demo}: a handful of services, each emitting events with four
 * numeric fields. Under normal behaviour every field is drawn afresh for every event (i.i.d. in time)
 * and independently of the others — exactly the null hypothesis of the independence monitors, so any
 * alarm before the injection is a false alarm. From {@code injectAtMillis} on, on {@code payments} and
 * {@code search} only, error_rate starts to follow latency (correlation {@value #INJECTED_CORRELATION}
 * with log latency) while keeping its marginal distribution. The events also carry the fields of
 * {@link DemoDrifts} (CPU and payload), whose distribution drifts on three other keys at the same time.
 *
 * <p>Deterministic: the same seed, keys and sequence of {@link #nextEvents} calls give the same events.
 * Each key has its own random stream, so one key's events do not depend on which other keys exist.
 */
public final class DemoScenario {

    public static final List<String> DEFAULT_KEYS =
            List.of("checkout", "search", "payments", "auth", "inventory", "shipping");
    /** The monitor id the injected latency/error dependence is meant for (the demo configuration uses it). */
    public static final String LATENCY_ERRORS_MONITOR = "latency-errors";
    public static final Set<String> INJECTED_KEYS = Set.of("payments", "search");
    /** Strong enough to be found within seconds at the demo's event rate, small enough to look plausible. */
    public static final double INJECTED_CORRELATION = 0.5;

    public static final String LATENCY_MS = "latency_ms";
    public static final String ERROR_RATE = "error_rate";
    public static final String QUEUE_DEPTH = "queue_depth";
    public static final String DROP_RATE = "drop_rate";

    // Marginals: latency log-normal with median 120 ms; error rate ~2 % with noise (clipped at 0, which
    // happens for ~0.6 % of draws); queue depth ~50 (Poisson-like spread, whole numbers); drop rate
    // log-normal with median 0.1 %.
    private static final double LATENCY_MEDIAN_MS = 120.0;
    private static final double LATENCY_LOG_SD = 0.35;
    private static final double ERROR_RATE_MEAN = 0.02;
    private static final double ERROR_RATE_SD = 0.008;
    private static final double QUEUE_DEPTH_MEAN = 50.0;
    private static final double QUEUE_DEPTH_SD = 7.0;
    private static final double DROP_RATE_MEDIAN = 0.001;
    private static final double DROP_RATE_LOG_SD = 0.5;

    private final long injectAtMillis;
    private final List<String> keys;
    private final Map<String, Random> randomByKey = new LinkedHashMap<>();
    private final Map<String, Random> driftRandomByKey = new LinkedHashMap<>();

    /**
     * @param seed           fixes every draw
     * @param injectAtMillis event time (epoch ms) from which the dependence is injected; Long.MAX_VALUE for never
     * @param keys           the services to simulate; the injection applies to those of them in {@link #INJECTED_KEYS}
     */
    public DemoScenario(long seed, long injectAtMillis, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The scenario needs at least one key");
        }
        this.injectAtMillis = injectAtMillis;
        this.keys = List.copyOf(keys);
        for (String key : this.keys) {
            // java.util.Random: its nextGaussian is specified exactly, so the events are the same on any JDK.
            randomByKey.put(key, new Random(mix(seed, key.hashCode())));
            driftRandomByKey.put(key, new Random(mix(seed ^ 0x44524946L, key.hashCode())));   // "DRIF": DemoDrifts' own stream
        }
    }

    public DemoScenario(long seed, long injectAtMillis) {
        this(seed, injectAtMillis, DEFAULT_KEYS);
    }

    public List<String> keys() {
        return keys;
    }

    public long injectAtMillis() {
        return injectAtMillis;
    }

    /** What the scenario injects, for scoring the run afterwards. */
    public List<Injection> injections() {
        List<Injection> injections = new ArrayList<>();
        for (String key : keys) {
            if (INJECTED_KEYS.contains(key)) {
                injections.add(new Injection(LATENCY_ERRORS_MONITOR, key, injectAtMillis,
                        "error_rate follows latency_ms (correlation " + INJECTED_CORRELATION + " with log latency)"));
            }
        }
        injections.addAll(DemoDrifts.injections(keys, injectAtMillis));
        return injections;
    }

    /** One event per key at {@code timeMillis}, as JSON in the input topic's wire format. */
    public List<String> nextEvents(long timeMillis) {
        List<String> json = new ArrayList<>(keys.size());
        for (DemoEvent event : next(timeMillis)) {
            json.add(event.toJson());
        }
        return json;
    }

    /** One event per key at {@code timeMillis}, in the order of {@link #keys()}. */
    public List<DemoEvent> next(long timeMillis) {
        List<DemoEvent> events = new ArrayList<>(keys.size());
        for (String key : keys) {
            events.add(draw(key, timeMillis));
        }
        return events;
    }

    private DemoEvent draw(String key, long timeMillis) {
        Random random = randomByKey.get(key);
        // Always four draws per event, injected or not, so the injection changes error_rate and nothing else.
        double zLatency = random.nextGaussian();
        double zError = random.nextGaussian();
        double zQueue = random.nextGaussian();
        double zDrop = random.nextGaussian();

        boolean injected = timeMillis >= injectAtMillis && INJECTED_KEYS.contains(key);
        // zLatency is the standardised log latency. Mixing it in with weight rho and the own noise with
        // weight sqrt(1 - rho^2) keeps error_rate's noise standard normal: same marginal, new dependence.
        double errorNoise = injected
                ? INJECTED_CORRELATION * zLatency + Math.sqrt(1 - INJECTED_CORRELATION * INJECTED_CORRELATION) * zError
                : zError;

        Map<String, Double> fields = new LinkedHashMap<>();
        fields.put(LATENCY_MS, LATENCY_MEDIAN_MS * Math.exp(LATENCY_LOG_SD * zLatency));
        fields.put(ERROR_RATE, Math.max(0.0, ERROR_RATE_MEAN + ERROR_RATE_SD * errorNoise));
        fields.put(QUEUE_DEPTH, (double) Math.max(0L, Math.round(QUEUE_DEPTH_MEAN + QUEUE_DEPTH_SD * zQueue)));
        fields.put(DROP_RATE, DROP_RATE_MEDIAN * Math.exp(DROP_RATE_LOG_SD * zDrop));
        DemoDrifts.draw(key, timeMillis >= injectAtMillis, driftRandomByKey.get(key), fields);
        return new DemoEvent(key, timeMillis, fields);
    }

    /** A well-spread per-key seed (SplitMix64 finaliser), so that keys with close hash codes get unrelated streams. */
    private static long mix(long seed, int keyHash) {
        return SplitMix64.finalise(seed * SplitMix64.GOLDEN_GAMMA + keyHash);
    }
}
