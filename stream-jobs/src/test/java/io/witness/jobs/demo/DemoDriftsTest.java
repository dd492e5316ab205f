package io.witness.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's drifts ({@link DemoDrifts}) through the bundled demo configuration's {@code cpu-fit} (ksd)
 * and {@code resource-drift} (mmd-betting) monitors, in replay, over the demo's default timeline
 * (2 minutes at 40 events/s per service, injection after 40 s): every injected (monitor, key) opens an
 * alert after the injection, and no other (monitor, key) opens one. The unit test runs the demo's seed on
 * four services for the first 70 s (the ksd bootstrap is the cost); the long one ten seeds, six services,
 * the whole 2 minutes.
 */
class DemoDriftsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_763_800_000_000L;
    private static final long INJECT = T0 + 40_000;

    @TempDir
    Path dir;

    static WitnessConfig demoConfig() throws IOException {
        try (InputStream in = DemoDriftsTest.class.getResourceAsStream("/demo/monitors.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // only the two drift monitors: replay sends every line to every monitor
            int skit = yaml.indexOf("  # Does error_rate start to depend");
            int from = yaml.indexOf("  # Does each service's CPU");
            int to = yaml.indexOf("  # Are errors cascading?");
            return ConfigLoader.parse(yaml.substring(0, skit) + yaml.substring(from, to));
        }
    }

    @Test
    void eachDriftIsFoundOnItsKeysAndNothingElseAlarms() throws IOException {
        DemoScenario s = new DemoScenario(7, INJECT, List.of("checkout", "auth", "inventory", "payments"));
        Map<String, Long> opens = firstOpens(demoConfig(), s, 70_000);
        assertThat(opens.keySet()).isEqualTo(injected(s));
        assertThat(opens.values()).allMatch(t -> t >= INJECT && t <= INJECT + 30_000);
    }

    @Test
    @Tag("long")
    void overTenSeedsEveryDriftIsFoundWithAtMostOneFalseAlarm() throws IOException {
        WitnessConfig config = demoConfig();
        Map<String, List<Double>> delays = new TreeMap<>();
        int falseAlarms = 0;
        for (long seed = 7; seed < 17; seed++) {
            DemoScenario s = new DemoScenario(seed, INJECT);
            Map<String, Long> opens = firstOpens(config, s, 120_000);
            Set<String> injected = injected(s);
            System.out.printf("DRIFT-DEMO seed %d: %s%n", seed, opens.entrySet().stream()
                    .map(e -> e.getKey() + " @" + (e.getValue() - INJECT) / 1000.0 + " s").toList());
            assertThat(opens.keySet()).as("seed %d", seed).containsAll(injected);
            for (Map.Entry<String, Long> e : opens.entrySet()) {
                if (!injected.contains(e.getKey()) || e.getValue() < INJECT) {
                    falseAlarms++;
                } else {
                    delays.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((e.getValue() - INJECT) / 1000.0);
                }
            }
        }
        System.out.printf("DRIFT-DEMO 10 seeds: %d false alarms; delays (s) %s%n", falseAlarms, delays);
        assertThat(falseAlarms).isLessThanOrEqualTo(1);
    }

    private static Set<String> injected(DemoScenario s) {
        Set<String> out = new TreeSet<>();
        for (Injection i : s.injections()) {
            if (!i.monitor().equals(DemoScenario.LATENCY_ERRORS_MONITOR)) {
                out.add(i.monitor() + "/" + i.key());
            }
        }
        return out;
    }

    /** The first OPEN's time per "monitor/key" over the first {@code millis} of the demo's timeline, at 40 events/s. */
    private Map<String, Long> firstOpens(WitnessConfig config, DemoScenario s, long millis) throws IOException {
        List<String> lines = new ArrayList<>();
        for (long t = T0; t < T0 + millis; t += 25) {
            lines.addAll(s.nextEvents(t));
        }
        Path file = Files.write(dir.resolve("events.jsonl"), lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplayRunner.Result r = new ReplayRunner(config).run(file, out, null);
        assertThat(r.deadLetterTotal()).isZero();
        Map<String, Long> first = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (n.has("state") && n.get("state").asText().equals("OPEN")) {
                first.putIfAbsent(n.get("monitor").asText() + "/" + n.get("key").asText(), n.get("opened_at").asLong());
            }
        }
        return first;
    }
}
