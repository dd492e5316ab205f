package io.witness.jobs.cluster;

import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.support.DriftScenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Input and config of the cluster-jar tests: one monitor of every method in {@link MethodRegistry} on one
 * topic (so that {@code witness replay}, where every monitor reads every line, sees what the job sees),
 * and a bandit on its own request topic. The events are {@link DriftScenario}'s two keys (calm, drift: one
 * event per second, fields x, y, z and a session event type; the first {@link #SECONDS}), in time order,
 * with bad records among them. Parameters are small (short windows, few bootstrap draws): this checks
 * that every method runs and gives the same evidence everywhere, not its statistics.
 */
public final class EveryMethodScenario {
    public static final String INPUT = "cl.events";
    public static final String REQUESTS = "cl.requests";
    public static final String FEEDBACK = "cl.feedback";
    public static final String DECISIONS = "cl.decisions";
    public static final String ALERTS = "cl.alerts";
    public static final String EVIDENCE = "cl.evidence";
    public static final String DEAD_LETTERS = "cl.dead-letters";
    /** Seconds of DriftScenario's events used (one event per key and second; its change is at 600 s). */
    static final int SECONDS = 900;
    public static final List<String> BANDIT_KEYS = List.of("payments", "search", "auth");
    /** Every method the registry knows has a monitor here (checked by {@link #methods()}' callers). */
    public static final Set<String> MONITORS = Set.of("skit", "fcst", "nplm", "noop", "cascades", "fit", "modes", "flows",
            "drift");

    private EveryMethodScenario() {
    }

    /** One input line with the Kafka key it is produced with (null for records without a key). */
    public record Line(String kafkaKey, String json) {
    }

    /** The monitors YAML; {@code job} is the inside of the job block. */
    public static String config(String bootstrap, String job) {
        String outputs = "    outputs: {alerts: " + ALERTS + ", evidence: " + EVIDENCE + ", dead-letters: " + DEAD_LETTERS + "}";
        return """
                kafka: {bootstrap-servers: "%1$s"}
                job: {%2$s}
                monitors:
                  - id: skit
                    source: {topic: %3$s}
                    fields: {x: [x], y: [y]}
                    method: skit
                    alpha: 0.01
                    params: {features: 16, burn-in: 50}
                %4$s
                  - id: fcst
                    source: {topic: %3$s}
                    fields: {value: [x]}
                    method: kernel-forecast
                %4$s
                  - id: nplm
                    source: {topic: %3$s}
                    fields: {x: [x, y]}
                    method: nplm
                    alpha: 0.01
                    params: {window: 50, reference-size: 300, null-toys: 20}
                %4$s
                  - id: noop
                    source: {topic: %3$s}
                    fields: {x: [x]}
                    method: noop
                    params: {step-every: 20}
                %4$s
                  - id: cascades
                    source: {topic: %3$s}
                    type-field: type
                    method: hawkes
                    alpha: 0.01
                    params: {bin: 1s, support: 20s, refit-interval: 2m, half-life: 20m, warmup-refits: 2, min-events: 50}
                %4$s
                  - id: fit
                    source: {topic: %3$s}
                    fields: {x: [x, y]}
                    method: ksd
                    alpha: 0.01
                    params: {reference-size: 200, window: 100, bootstrap-draws: 99}
                %4$s
                  - id: modes
                    source: {topic: %3$s}
                    fields: {x: [z]}
                    method: pksd
                    alpha: 0.01
                    params: {model: mixture, means: "-3;3", window: 100, bootstrap-draws: 99}
                %4$s
                  - id: flows
                    source: {topic: %3$s}
                    method: sequence-ksd
                    type-field: type
                    alpha: 0.01
                    params: {alphabet: "login,view,cart,buy,logout", end-type: logout, reference-sessions: 40, window: 20, bootstrap: wild, bootstrap-draws: 99}
                %4$s
                  - id: drift
                    source: {topic: %3$s}
                    fields: {x: [x, y]}
                    method: mmd-betting
                    alpha: 0.01
                    params: {reference-size: 200, events-per-bet: 2}
                %4$s
                """.formatted(bootstrap, job, INPUT, outputs)
                + """
                bandits:
                  - id: triage
                    requests: {topic: %1$s}
                    feedback: {topic: %2$s}
                    decisions: %3$s
                    dead-letters: %4$s
                    context-dim: 2
                    action-dim: 3
                    policy: gp-ucb
                    feedback-timeout: 1h
                    params: {window: 64, beta: 4}
                """.formatted(REQUESTS, FEEDBACK, DECISIONS, DEAD_LETTERS);
    }

    /** The methods that have a monitor in {@link #config} (to compare with the registry's names). */
    public static Set<String> methods() {
        return Set.of("skit", "kernel-forecast", "nplm", "noop", "hawkes", "ksd", "pksd", "sequence-ksd", "mmd-betting");
    }

    /**
     * The events of both keys in time order, with bad records: every 400th position a malformed record
     * (no key), a record without fields, and an exact duplicate of the previous event of its key.
     */
    public static List<Line> events() {
        List<String> drift = DriftScenario.lines(5);
        List<Line> good = new ArrayList<>();
        for (String json : drift) {
            if (time(new Line(null, json)) >= DriftScenario.T0 + 1000L * SECONDS) {
                continue;
            }
            String key = json.substring(json.indexOf("\"key\":\"") + 7, json.indexOf('"', json.indexOf("\"key\":\"") + 7));
            good.add(new Line(key, json));
        }
        good.sort(Comparator.comparingLong(EveryMethodScenario::time));   // stable: calm before drift at equal times
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            Line l = good.get(i);
            out.add(l);
            if (i % 400 == 399) {
                out.add(new Line(null, "{\"key\":\"" + l.kafkaKey() + "\",\"time\":"));
                out.add(new Line(l.kafkaKey(), String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d,\"type\":\"view\"}",
                        l.kafkaKey(), time(l) + 1)));
                out.add(l);
            }
        }
        return out;
    }

    private static long time(Line l) {
        String j = l.json();
        int at = j.indexOf("\"time\":") + 7;
        return Long.parseLong(j.substring(at, j.indexOf(',', at)));
    }

    /** Decision requests: {@code perKey} per bandit key, interleaved, in time order. */
    public static List<Line> requests(int from, int to) {
        List<Line> out = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < to; i++) {
            for (String k : BANDIT_KEYS) {
                double c1 = r.nextDouble();
                double c2 = r.nextDouble();
                if (i >= from) {
                    out.add(new Line(k, String.format(Locale.ROOT, "{\"request_id\":\"%s-%d\",\"key\":\"%s\",\"time\":%d,"
                            + "\"context\":[%.4f,%.4f],\"actions\":[{\"id\":\"page\",\"features\":[1,0,0]},"
                            + "{\"id\":\"ticket\",\"features\":[0,1,0]},{\"id\":\"suppress\",\"features\":[0,0,1]}]}",
                            k, i, k, DriftScenario.T0 + i * 1000L, c1, c2)));
                }
            }
        }
        return out;
    }
}
