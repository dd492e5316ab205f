package io.witness.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's cascade scenario through the bundled demo configuration's {@code cascades} monitor, in
 * replay, over the demo's default timeline (2 minutes, injection after 40 s), for several seeds: the
 * cascade opens one alert on cluster-a after the injection, and nothing else alarms.
 */
class CascadeScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_763_800_000_000L;

    @TempDir
    Path dir;

    static WitnessConfig demoConfig() throws IOException {
        try (InputStream in = CascadeScenarioTest.class.getResourceAsStream("/demo/monitors.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // only the cascades monitor: replay sends every line to every monitor
            int at = yaml.indexOf("  - id: latency-errors");
            int cascades = yaml.indexOf("  # Are errors cascading?");
            return ConfigLoader.parse(yaml.substring(0, at) + yaml.substring(cascades));
        }
    }

    @Test
    void sameSeedSameEvents() {
        CascadeScenario a = new CascadeScenario(5, T0, T0 + 40_000);
        CascadeScenario b = new CascadeScenario(5, T0, T0 + 40_000);
        for (long t = T0; t < T0 + 60_000; t += 37) {
            assertThat(a.due(t)).isEqualTo(b.due(t));
        }
    }

    @Test
    void theCascadeIsFoundOnItsClusterOnly() throws IOException {
        WitnessConfig config = demoConfig();
        for (long seed = 7; seed < 12; seed++) {
            CascadeScenario s = new CascadeScenario(seed, T0, T0 + 40_000);
            List<String> lines = new ArrayList<>();
            for (long t = T0; t <= T0 + 120_000; t += 20) {
                s.due(t).forEach(e -> lines.add(e.toJson()));
            }
            Path file = Files.write(dir.resolve("errors-" + seed + ".jsonl"), lines);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReplayRunner.Result r = new ReplayRunner(config).run(file, out, null);
            List<JsonNode> opens = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                JsonNode n = JSON.readTree(line);
                if (n.has("state") && n.get("state").asText().equals("OPEN")) {
                    opens.add(n);
                }
            }
            System.out.printf("HAWKES-DEMO seed %d: %d events, %d dead letters, opens %s%n", seed, r.lines, r.deadLetterTotal(),
                    opens.stream().map(o -> o.get("key").asText() + "@" + (o.get("opened_at").asLong() - T0) / 1000 + "s "
                            + o.get("evidence").get("explanation").get("alarms")).toList());
            assertThat(r.deadLetterTotal()).isZero();
            assertThat(opens).hasSize(1);
            JsonNode open = opens.get(0);
            assertThat(open.get("key").asText()).isEqualTo(CascadeScenario.INJECTED_KEY);
            assertThat(open.get("opened_at").asLong()).isBetween(T0 + 40_000, T0 + 120_000);
        }
    }
}
