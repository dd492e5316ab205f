package io.witness.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.HawkesEvents;
import io.witness.jobs.support.HawkesEvents.Ev;
import io.witness.jobs.support.TestData;
import io.witness.schemas.DeadLetterReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hawkes monitor in {@code replay} on a small JSONL file: two clusters with "api" and "db" events;
 * in cluster-a, from the end of the first hour, api errors start triggering db errors 4–6 s later.
 * The monitor reports the new excitation edge api->db for cluster-a only, with the fitted numbers in
 * the evidence; a too-late event is a LATE dead letter, an event without a type a MISSING_FIELD one,
 * and two events of different types in the same millisecond are not duplicates.
 */
class HawkesReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000L;

    private static final WitnessConfig CONFIG = TestData.config("  allowed-lateness: 60s\n",
            "  - id: cascades\n"
                    + "    source: {topic: errors}\n"
                    + "    method: hawkes\n"
                    + "    alpha: 0.01\n"
                    + "    params: {bin: 1s, support: 20s, refit-interval: 2m, half-life: 20m, warmup-refits: 5, edge-reference: 30m}\n");

    @TempDir
    Path dir;

    private Path file() throws IOException {
        List<Ev> all = new ArrayList<>(HawkesEvents.cluster("cluster-a", TestData.T0, 3 * HOUR, TestData.T0 + HOUR, 1));
        all.addAll(HawkesEvents.cluster("cluster-b", TestData.T0, 3 * HOUR, Long.MAX_VALUE, 2));
        all.sort((x, y) -> Long.compare(x.time(), y.time()));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            lines.add(all.get(i).json());
            if (i == 500) {
                Ev e = all.get(i);
                lines.add(new Ev(e.time() - 45_000, e.key(), "api").json());             // beyond max-lateness 20s
                lines.add(String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d}", e.key(), e.time()));   // no type
                lines.add(new Ev(e.time(), e.key(), e.type().equals("api") ? "db" : "api").json());      // same ms, other type
            }
        }
        return Files.write(dir.resolve("errors.jsonl"), lines);
    }

    @Test
    void reportsTheNewEdgeOfTheClusterWhereItAppears() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        ReplayRunner.Result r = new ReplayRunner(CONFIG).run(file(), out, dead);
        List<JsonNode> evidence = new ArrayList<>();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = JSON.readTree(line);
            (n.has("state") ? alerts : evidence).add(n);
        }
        System.out.println("HAWKES-REPLAY " + r.summary());
        assertThat(r.deadLetters).containsOnlyKeys(DeadLetterReason.LATE, DeadLetterReason.MISSING_FIELD);
        assertThat(r.deadLetters.get(DeadLetterReason.LATE)).isEqualTo(1L);
        assertThat(r.deadLetters.get(DeadLetterReason.MISSING_FIELD)).isEqualTo(1L);
        assertThat(dead.toString(StandardCharsets.UTF_8)).contains("max-lateness of method hawkes = 20000 ms").contains("\\\"type\\\":\\\"api\\\"");

        assertThat(evidence).allSatisfy(e -> assertThat(e.get("method").asText()).isEqualTo("hawkes"));
        JsonNode last = evidence.stream().filter(e -> e.get("key").asText().equals("cluster-a")).reduce((x, y) -> y).orElseThrow();
        JsonNode ex = last.get("explanation");
        System.out.println("HAWKES-REPLAY last cluster-a evidence: " + ex);
        List<String> types = new ArrayList<>();
        ex.get("types").forEach(t -> types.add(t.asText()));
        assertThat(types).containsExactlyInAnyOrder("api", "db");
        JsonNode alpha = ex.get("alpha");
        int api = types.indexOf("api");
        int db = types.indexOf("db");
        assertThat(alpha.get(db).get(api).asDouble()).as("α db<-api (truth 0.8)").isBetween(0.6, 1.0);
        JsonNode m = ex.get("kernel_m");
        assertThat(m.get(db).get(api).asDouble()).as("latency of db after api (truth 5 s)").isBetween(4.0, 6.0);
        assertThat(last.get("statistic").asDouble()).isEqualTo(ex.get("branching_ratio").asDouble());

        List<JsonNode> newEdgeA = evidence.stream().filter(e -> e.get("key").asText().equals("cluster-a")
                && e.get("explanation").get("new_edges").toString().contains("\"api->db\"")).toList();
        // the edge test re-centres on the fit after each alarm, so a ramping α may alarm again (measured: 3)
        assertThat(newEdgeA).isNotEmpty().allSatisfy(e -> assertThat(e.get("time").asLong()).isGreaterThan(TestData.T0 + HOUR));
        assertThat(evidence).noneMatch(e -> e.get("key").asText().equals("cluster-b")
                && e.get("explanation").get("new_edges").toString().contains("\"api->db\""));
        assertThat(alerts).anyMatch(a -> a.get("key").asText().equals("cluster-a") && a.get("state").asText().equals("OPEN")
                && a.get("message").asText().contains("new-edge"));
    }
}
