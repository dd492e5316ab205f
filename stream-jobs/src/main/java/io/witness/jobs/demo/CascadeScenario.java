package io.witness.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The error events of {@code witness demo}'s Hawkes monitor: a few clusters, each with "api-error" and
 * "db-error" events arriving as independent Poisson streams (api 4/s, db 2/s). From
 * {@code injectAtMillis} on, on {@value #INJECTED_KEY} only, every api error triggers a db error
 * 0.8–1.2 s later with probability {@value #TRIGGER_PROBABILITY}: a cascade the monitor should report
 * as the new excitation edge {@code api-error->db-error}.
 *
 * <p>Deterministic: the same seed and the same sequence of {@link #due} calls give the same events.
 * Not thread-safe.
 */
public final class CascadeScenario {
    /** The topic the demo configuration's Hawkes monitor reads. */
    public static final String TOPIC = "witness.demo.errors";
    public static final String MONITOR = "cascades";
    public static final List<String> KEYS = List.of("cluster-a", "cluster-b", "cluster-c");
    public static final String INJECTED_KEY = "cluster-a";
    public static final String API = "api-error";
    public static final String DB = "db-error";
    public static final double TRIGGER_PROBABILITY = 0.8;
    private static final double API_PER_SECOND = 4.0;
    private static final double DB_PER_SECOND = 2.0;

    /** One typed event, and its JSON on the input topic. */
    public record Event(long timeMillis, String key, String type) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d,\"type\":\"%s\"}", key, timeMillis, type);
        }
    }

    private final long injectAtMillis;
    private final Random random;
    private final PriorityQueue<Event> pending = new PriorityQueue<>(
            (a, b) -> a.timeMillis() != b.timeMillis() ? Long.compare(a.timeMillis(), b.timeMillis())
                    : (a.key() + a.type()).compareTo(b.key() + b.type()));
    private final long[] nextApi;
    private final long[] nextDb;
    private final java.util.Map<String, Long> lastOut = new java.util.HashMap<>();

    public CascadeScenario(long seed, long startMillis, long injectAtMillis) {
        this.injectAtMillis = injectAtMillis;
        this.random = new Random(seed ^ 0x48415752L);
        this.nextApi = new long[KEYS.size()];
        this.nextDb = new long[KEYS.size()];
        for (int k = 0; k < KEYS.size(); k++) {
            nextApi[k] = startMillis + gap(API_PER_SECOND);
            nextDb[k] = startMillis + gap(DB_PER_SECOND);
        }
    }

    private long gap(double perSecond) {
        return 1 + (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1000);
    }

    /** Every event with a time up to {@code nowMillis} not returned before, in time order. */
    public List<Event> due(long nowMillis) {
        for (int k = 0; k < KEYS.size(); k++) {
            String key = KEYS.get(k);
            while (nextApi[k] <= nowMillis) {
                pending.add(new Event(nextApi[k], key, API));
                if (key.equals(INJECTED_KEY) && nextApi[k] >= injectAtMillis && random.nextDouble() < TRIGGER_PROBABILITY) {
                    pending.add(new Event(nextApi[k] + 800 + random.nextInt(400), key, DB));
                }
                nextApi[k] += gap(API_PER_SECOND);
            }
            while (nextDb[k] <= nowMillis) {
                pending.add(new Event(nextDb[k], key, DB));
                nextDb[k] += gap(DB_PER_SECOND);
            }
        }
        List<Event> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().timeMillis() <= nowMillis) {
            Event e = pending.poll();
            // a triggered and a spontaneous db error can fall on the same millisecond; the job would
            // de-duplicate them (same time and type), so move the second by 1 ms
            if (lastOut.getOrDefault(e.key() + e.type(), Long.MIN_VALUE) >= e.timeMillis()) {
                pending.add(new Event(lastOut.get(e.key() + e.type()) + 1, e.key(), e.type()));
                continue;
            }
            lastOut.put(e.key() + e.type(), e.timeMillis());
            out.add(e);
        }
        return out;
    }

    public long injectAtMillis() {
        return injectAtMillis;
    }

    public List<Injection> injections() {
        return List.of(new Injection(MONITOR, INJECTED_KEY, injectAtMillis,
                "api errors trigger db errors 0.8-1.2 s later (" + (int) (100 * TRIGGER_PROBABILITY) + " %)"));
    }
}
