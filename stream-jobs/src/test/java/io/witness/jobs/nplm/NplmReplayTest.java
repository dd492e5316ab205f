package io.witness.jobs.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;
import io.witness.jobs.replay.ScoreReplay;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.support.TestData;
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
import java.util.Random;

/**
 * {@code nplm} through {@code replay}: the same decode/validate, micro-batches and per-key state as the
 * streaming job. Two keys learn their reference, one then shifts: only it alarms (OPEN, then RESOLVED
 * once it is back), with t, p-value, dof and the surprising events in the evidence; a second replay
 * gives the same alerts and evidence (numbers to 1e−9: see the README on the Vector API's exp). Also a
 * reference file shared by the keys, and {@code replay --scores}.
 */
class NplmReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String monitor(String id, String params) {
        return "  - id: " + id + "\n"
                + "    source: {topic: t}\n"
                + "    fields: {x: [cpu, mem]}\n"
                + "    method: nplm\n"
                + "    alpha: 0.01\n"
                + "    params: {" + params + "}\n";
    }

    /** Key "calm" stays N(0, I); key "drift" shifts cpu by +1.5 in events 500–699 (test windows 3–6), then comes back. */
    private Path events(int reference) throws IOException {
        Random r = new Random(3);
        List<String> lines = new ArrayList<>();
        int n = reference + 12 * 50;
        for (int i = 0; i < n; i++) {
            for (String key : new String[] {"calm", "drift"}) {
                boolean shifted = key.equals("drift") && i >= reference + 100 && i < reference + 300;
                double cpu = r.nextGaussian() + (shifted ? 1.5 : 0);
                double mem = r.nextGaussian();
                lines.add(String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d,\"fields\":{\"cpu\":%s,\"mem\":%s}}",
                        key, TestData.T0 + 1000L * i, cpu, mem));
            }
        }
        return Files.write(dir.resolve("events.jsonl"), lines);
    }

    private List<JsonNode> replay(WitnessConfig config, Path input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReplayRunner(config).run(input, out, null);
        List<JsonNode> records = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    @Test
    void learntReferenceAlarmsOnTheShiftedKeyOnly() throws IOException {
        WitnessConfig config = TestData.config(null, monitor("gof",
                "window: 50, reference-size: 400, null-toys: 40, field-names: 'cpu, mem', resolve-after: 2"));
        Path input = events(400);
        List<JsonNode> out = replay(config, input);
        List<JsonNode> evidence = out.stream().filter(n -> n.has("statistic")).toList();
        List<JsonNode> alerts = out.stream().filter(n -> n.has("state")).toList();
        assertThat(evidence).hasSize(2 * 12);
        // the four shifted windows alarm (OPEN, then a rate-limited UPDATE), two quiet windows resolve it;
        // the calm key never alarms (a later lone false alarm on either key would be a 1 % event per window)
        assertThat(alerts).extracting(a -> a.get("key").asText() + ":" + a.get("state").asText())
                .startsWith("drift:OPEN", "drift:UPDATE", "drift:RESOLVED").doesNotContain("calm:OPEN");
        JsonNode open = alerts.get(0).get("evidence");
        assertThat(open.get("n").asLong()).isEqualTo(550);
        assertThat(open.get("method").asText()).isEqualTo("nplm");
        JsonNode why = open.get("explanation");
        assertThat(why.get("dominant_field").asText()).isEqualTo("cpu");
        assertThat(why.get("surprise_1").asText()).contains("cpu=").contains("mem=");
        assertThat(why.get("dof").asDouble()).isPositive();
        assertThat(open.get("p_value").asDouble()).isLessThanOrEqualTo(0.01);
        assertThat(alerts.get(0).get("message").asText()).contains("nplm monitor 'gof'").contains("statistic");

        List<JsonNode> again = replay(config, input);
        assertThat(again).hasSize(out.size());
        for (int i = 0; i < out.size(); i++) {
            JsonNode a = out.get(i);
            JsonNode b = again.get(i);
            if (a.has("statistic")) {
                assertThat(b.get("statistic").asDouble()).isCloseTo(a.get("statistic").asDouble(),
                        within(1e-9 * Math.max(1, Math.abs(a.get("statistic").asDouble()))));
                assertThat(b.get("alarm")).isEqualTo(a.get("alarm"));
                assertThat(b.get("key")).isEqualTo(a.get("key"));
            } else {
                assertThat(b.get("id")).isEqualTo(a.get("id"));
                assertThat(b.get("state")).isEqualTo(a.get("state"));
            }
        }
    }

    @Test
    void fileReferenceIsSharedByAllKeys() throws IOException {
        Random r = new Random(9);
        StringBuilder sb = new StringBuilder("mem,cpu\n");
        for (int i = 0; i < 400; i++) {
            sb.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        Path ref = Files.writeString(dir.resolve("reference.csv"), sb);
        WitnessConfig config = TestData.config(null, monitor("gof", "window: 50, reference-size: 400, null-toys: 40, "
                + "field-names: 'cpu, mem', resolve-after: 2, reference: '" + ref + "'"));
        List<JsonNode> out = replay(config, events(0));
        List<JsonNode> evidence = out.stream().filter(n -> n.has("statistic")).toList();
        assertThat(evidence).hasSize(2 * 12);
        assertThat(evidence.get(0).get("explanation").get("reference").asText()).isEqualTo("file");
        assertThat(out.stream().filter(n -> n.has("state")).map(a -> a.get("key").asText()).distinct().toList())
                .containsExactly("drift");
    }

    @Test
    void perEventScoresThroughReplayScores() throws IOException {
        WitnessConfig config = TestData.config(null, "  - id: latency\n"
                + "    source: {topic: t}\n"
                + "    fields: {x: [value]}\n"
                + "    method: nplm\n"
                + "    params: {window: 50, reference-size: 300, null-toys: 30}\n");
        Random r = new Random(4);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < 600; i++) {
            double v = r.nextGaussian() + (i >= 450 && i < 500 ? 5 : 0);
            lines.add((TestData.T0 + 60_000L * i) + "," + String.format(Locale.ROOT, "%.4f", v));
        }
        Path in = Files.write(dir.resolve("series.csv"), lines);
        Path outDir = dir.resolve("scored");
        ScoreReplay.Result res = new ScoreReplay(BoundMonitor.bind(config.monitors().get(0)).factory()).run(in, outDir);
        assertThat(res.rows).isEqualTo(600);
        assertThat(res.notScored).isEqualTo(300 + 49);   // the reference, then the first window until its test
        List<String> scored = Files.readAllLines(outDir.resolve("series.csv"));
        assertThat(scored.get(0)).isEqualTo("timestamp,value,anomaly_score,alarm,surprise");
        // the event that completes the shifted window (row 499, value ≈ 5) is scored by that window's fit;
        // the incident is then open for the rest of the file (2 quiet windows < resolve-after 3)
        String[] last = scored.get(1 + 499).split(",");
        assertThat(Double.parseDouble(last[1])).isGreaterThan(3);
        assertThat(Double.parseDouble(last[2])).isGreaterThan(0.8);
        assertThat(last[3]).isEqualTo("1");
        assertThat(scored.get(1 + 599).split(",")[3]).isEqualTo("1");
        String[] calm = scored.get(1 + 420).split(",");
        assertThat(Double.parseDouble(calm[2])).isLessThan(0.5);
    }
}
