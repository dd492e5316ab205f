package io.witness.jobs.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The input of the integration tests: deterministic JSON events (fixed seed) on three keys, in the
 * order they are produced to Kafka and written to the replay file.
 *
 * <ul>
 *   <li>{@value #DEP_KEY}: x, y independent N(0,1) until event {@value #CHANGE_INDEX}, then
 *       y = x + 0.3·noise (strong dependence starting at {@link #changeTime()});</li>
 *   <li>{@value #IND_KEY_1}, {@value #IND_KEY_2}: x, y independent throughout;</li>
 *   <li>u, v: independent N(0,1) on every key (the control monitor reads them).</li>
 * </ul>
 * Every key has one event each {@value #STEP_MS} ms of event time from {@link #T0}. Right after event
 * {@value #BAD_AT_INDEX} of every key come the bad records: one malformed JSON, one NaN, one
 * wrong-dimension and one late record, then {@value #FUTURE_EVENTS} valid events of key
 * {@value #FUTURE_KEY} stamped in the year 2100 (event time is the sender's business: far from the
 * broker's clock, yet not bad input).
 */
final class ItScenario {
    static final long T0 = 1_700_000_000_000L;
    static final long STEP_MS = 100;
    static final String DEP_KEY = "dep-a";
    static final String IND_KEY_1 = "ind-b";
    static final String IND_KEY_2 = "ind-c";
    static final List<String> KEYS = List.of(DEP_KEY, IND_KEY_1, IND_KEY_2);
    static final int CHANGE_INDEX = 400;
    static final int BAD_AT_INDEX = 200;
    /** How far behind the newest event of its key the late record is (the configured lateness is much smaller). */
    static final long LATE_BY_MS = 60_000;
    static final String FUTURE_KEY = "fut-z";
    /** 2100-01-01T00:00:00Z. */
    static final long FUTURE_T0 = 4_102_444_800_000L;
    static final int FUTURE_EVENTS = 4;

    /** One record to produce: its Kafka key (the event key) and its payload. */
    record Line(String kafkaKey, String json) {
    }

    private ItScenario() {
    }

    static long time(int index) {
        return T0 + index * STEP_MS;
    }

    static long changeTime() {
        return time(CHANGE_INDEX);
    }

    /** The event time written in a line (also in the malformed one, which is cut off after it). */
    static long timeOf(Line l) {
        int at = l.json().indexOf("\"time\":") + 7;
        int end = at;
        while (end < l.json().length() && Character.isDigit(l.json().charAt(end))) {
            end++;
        }
        return Long.parseLong(l.json().substring(at, end));
    }

    static List<Line> lines(long seed, int eventsPerKey) {
        Random rnd = new Random(seed);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < eventsPerKey; i++) {
            long t = time(i);
            for (String key : KEYS) {
                double x = rnd.nextGaussian();
                double y = key.equals(DEP_KEY) && i >= CHANGE_INDEX ? x + 0.3 * rnd.nextGaussian() : rnd.nextGaussian();
                double u = rnd.nextGaussian();
                double v = rnd.nextGaussian();
                out.add(new Line(key, event(key, t, num(x), num(y), num(u), num(v))));
            }
            if (i == BAD_AT_INDEX) {
                long tb = t + STEP_MS / 2;
                // not JSON at all (cut off mid-object)
                out.add(new Line(DEP_KEY, "{\"key\":\"" + DEP_KEY + "\",\"time\":" + tb + ",\"fields\":{\"x\":1.0"));
                // x is NaN: the independence monitor rejects it, the control monitor (u, v) still uses it
                out.add(new Line(IND_KEY_1, event(IND_KEY_1, tb, "NaN", "0.25", "0.5", "-0.5")));
                // x is a vector where a single number is declared
                out.add(new Line(IND_KEY_2, event(IND_KEY_2, tb, "[0.1,0.2]", "0.25", "0.75", "-0.75")));
                // a minute older than the newest event of its key
                out.add(new Line(IND_KEY_2, event(IND_KEY_2, t - LATE_BY_MS, "0.3", "0.3", "0.3", "0.3")));
                // valid events far in the future: one SKIT bet (burn-in 0: the first pair is history only)
                for (int k = 0; k < FUTURE_EVENTS; k++) {
                    out.add(new Line(FUTURE_KEY, event(FUTURE_KEY, FUTURE_T0 + k * STEP_MS, num(rnd.nextGaussian()),
                            num(rnd.nextGaussian()), num(rnd.nextGaussian()), num(rnd.nextGaussian()))));
                }
            }
        }
        return out;
    }

    private static String event(String key, long t, String x, String y, String u, String v) {
        return "{\"key\":\"" + key + "\",\"time\":" + t + ",\"fields\":{\"x\":" + x + ",\"y\":" + y
                + ",\"u\":" + u + ",\"v\":" + v + "}}";
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    /** The monitors YAML of the tests: one independence monitor (x, y) and one control (u, v), both SKIT. */
    static String config(String bootstrap, String name, String inputTopic, String alerts, String evidence,
                         String deadLetters) {
        String skit = """
                    method: skit
                    alpha: 0.01
                    params: {bettor: ons, features: 32, bandwidth-x: 1.0, bandwidth-y: 1.0, forgetting: 0.02, seed: 11}
                    outputs: {alerts: %s, evidence: %s, dead-letters: %s}
                    alert: {update-interval: 1h}
                """.formatted(alerts, evidence, deadLetters);
        return """
                kafka:
                  bootstrap-servers: %s
                job:
                  name: %s
                  parallelism: 2
                  checkpoint-interval: 1s
                  allowed-lateness: 5s
                  metrics-port: 0
                monitors:
                  - id: dep
                    source: {topic: %s, format: json}
                    key: key
                    fields: {x: [x], y: [y]}
                %s
                  - id: ctl
                    source: {topic: %s, format: json}
                    key: key
                    fields: {x: [u], y: [v]}
                %s""".formatted(bootstrap, name, inputTopic, skit, inputTopic, skit);
    }
}
