package io.witness.jobs.support;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.OutputSink;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Shared fixtures for the fast unit tests: configs, synthetic events and a collecting sink. */
public final class TestData {
    /** 2025-11-22T08:26:40Z: a round epoch-ms start for synthetic streams. */
    public static final long T0 = 1_763_800_000_000L;

    private TestData() {
    }

    /**
     * A SKIT monitor with fixed bandwidths (so no burn-in) that alarms within a few dozen events on
     * strongly dependent data and resolves after {@code resolveAfter} bets without an alarm.
     */
    public static String skitMonitor(String id, String topic, int resolveAfter, String updateInterval) {
        return "  - id: " + id + "\n"
                + "    source: {topic: " + topic + "}\n"
                + "    fields: {x: [x], y: [y]}\n"
                + "    method: skit\n"
                + "    alpha: 0.05\n"
                + "    params: {bandwidth-x: 1.0, bandwidth-y: 1.0, features: 16, seed: 7, resolve-after: "
                + resolveAfter + "}\n"
                + "    alert: {update-interval: " + updateInterval + "}\n";
    }

    /** A whole config: one job section and the given monitor blocks. */
    public static WitnessConfig config(String job, String... monitors) {
        StringBuilder sb = new StringBuilder();
        if (job != null) {
            sb.append("job:\n").append(job);
        }
        sb.append("monitors:\n");
        for (String m : monitors) {
            sb.append(m);
        }
        return ConfigLoader.parse(sb.toString());
    }

    /** One synthetic observation of a two-signal stream. */
    public record Obs(String key, long time, double x, double y) {
        public String json() {
            return String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d,\"fields\":{\"x\":%s,\"y\":%s}}",
                    key, time, Double.toString(x), Double.toString(y));
        }

        public String csv() {
            return time + "," + key + "," + x + "," + y;
        }
    }

    /**
     * {@code dependent} events with y = x + 0.01·noise (SKIT alarms quickly), then {@code independent}
     * events with y independent of x (the alert resolves). One event per second from {@code start}.
     */
    public static List<Obs> dependentThenIndependent(String key, int dependent, int independent, long start,
                                                     long seed) {
        Random r = new Random(seed);
        List<Obs> out = new ArrayList<>();
        for (int i = 0; i < dependent + independent; i++) {
            double x = r.nextGaussian();
            double y = i < dependent ? x + 0.01 * r.nextGaussian() : r.nextGaussian();
            out.add(new Obs(key, start + 1000L * i, x, y));
        }
        return out;
    }

    /** Collects everything a processor or router emits, in order. */
    public static final class Collected implements OutputSink {
        public final List<Evidence> evidence = new ArrayList<>();
        public final List<Alert> alerts = new ArrayList<>();
        public final List<DeadLetter> deadLetters = new ArrayList<>();
        public final List<String> deadLetterTopics = new ArrayList<>();
        public final List<String> evidenceTopics = new ArrayList<>();
        public final List<String> alertTopics = new ArrayList<>();

        @Override
        public void evidence(String topic, Evidence e) {
            evidenceTopics.add(topic);
            evidence.add(e);
        }

        @Override
        public void alert(String topic, Alert a) {
            alertTopics.add(topic);
            alerts.add(a);
        }

        @Override
        public void deadLetter(String topic, DeadLetter d) {
            deadLetterTopics.add(topic);
            deadLetters.add(d);
        }
    }
}
