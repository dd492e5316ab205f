package io.witness.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import io.witness.schemas.DeadLetterReason;

/** Backtests on files: JSONL and CSV give the same output, and a replay is byte-for-byte repeatable. */
class ReplayRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final WitnessConfig CONFIG = TestData.config(null,
            TestData.skitMonitor("dep", "t", 40, "60s"),
            TestData.skitMonitor("dep2", "t", 10, "1m"));

    @TempDir
    Path dir;

    /** Two keys interleaved: "a" becomes independent after 300 s, "b" stays dependent. */
    private static List<Obs> data() {
        List<Obs> a = TestData.dependentThenIndependent("a", 300, 200, TestData.T0, 1);
        List<Obs> b = TestData.dependentThenIndependent("b", 500, 0, TestData.T0, 2);
        List<Obs> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i));
            out.add(b.get(i));
        }
        return out;
    }

    /** JSONL with time as epoch ms on even lines and ISO-8601 on odd ones, and one bad line. */
    private Path jsonl(List<Obs> data) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Obs o = data.get(i);
            String line = o.json();
            if (i % 2 == 1) {
                line = line.replace("\"time\":" + o.time(), "\"time\":\"" + Instant.ofEpochMilli(o.time()) + "\"");
            }
            lines.add(line);
            if (i == 10) {
                lines.add("{\"key\":\"a\",\"time\":");
                lines.add("");
            }
        }
        return Files.write(dir.resolve("events.jsonl"), lines);
    }

    private Path csv(List<Obs> data) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("time,key,x,y");
        for (int i = 0; i < data.size(); i++) {
            lines.add(data.get(i).csv());
            if (i == 10) {
                lines.add(TestData.T0 + ",a,not-a-number,1");
            }
        }
        return Files.write(dir.resolve("events.csv"), lines);
    }

    private static final class Output {
        ReplayRunner.Result result;
        byte[] out;
        List<JsonNode> deadLetters = new ArrayList<>();
    }

    private static Output replay(Path input) throws IOException {
        Output o = new Output();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        o.result = new ReplayRunner(CONFIG).run(input, out, dead);
        o.out = out.toByteArray();
        for (String line : dead.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                o.deadLetters.add(JSON.readTree(line));
            }
        }
        return o;
    }

    private static List<JsonNode> lines(byte[] out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void aLeadingByteOrderMarkIsNotPartOfTheFirstRecord() throws IOException {
        List<Obs> data = data();
        Path plain = csv(data);
        Path bom = dir.resolve("bom.csv");
        byte[] body = Files.readAllBytes(plain);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);

        Output expected = replay(plain);
        Output fromBom = replay(bom);

        assertThat(fromBom.result.deadLetters).isEqualTo(expected.result.deadLetters);
        assertThat(new String(fromBom.out, StandardCharsets.UTF_8)).isEqualTo(new String(expected.out, StandardCharsets.UTF_8));
    }

    @Test
    void jsonlAndEquivalentCsvGiveTheSameEvidenceAndAlerts() throws IOException {
        List<Obs> data = data();

        Output fromJson = replay(jsonl(data));
        Output fromCsv = replay(csv(data));

        assertThat(fromJson.result.alerts).as("the data must make alerts for this to mean anything").isGreaterThan(2);
        assertThat(new String(fromCsv.out, StandardCharsets.UTF_8)).isEqualTo(new String(fromJson.out, StandardCharsets.UTF_8));
        assertThat(fromCsv.result.evidence).isEqualTo(fromJson.result.evidence);
        assertThat(fromJson.result.lines).isEqualTo(data.size() + 1);   // the blank line is not a record
        assertThat(fromCsv.result.lines).isEqualTo(data.size() + 1);
    }

    @Test
    void replayingTwiceIsByteIdentical() throws IOException {
        Path in = jsonl(data());

        Output first = replay(in);
        Output second = replay(in);

        assertThat(first.out).isNotEmpty().isEqualTo(second.out);
        assertThat(second.result.evidence).isEqualTo(first.result.evidence);
        assertThat(second.result.alerts).isEqualTo(first.result.alerts);
    }

    @Test
    void writesEveryEvidenceAndAlertAsOneJsonLine() throws IOException {
        Output o = replay(jsonl(data()));

        List<JsonNode> nodes = lines(o.out);
        long alerts = nodes.stream().filter(n -> n.has("opened_at")).count();
        long evidence = nodes.stream().filter(n -> n.has("statistic")).count();
        assertThat(nodes).hasSize((int) (o.result.evidence + o.result.alerts));
        assertThat(alerts).isEqualTo(o.result.alerts);
        assertThat(evidence).isEqualTo(o.result.evidence);
        assertThat(nodes).extracting(n -> n.get("monitor").asText()).containsOnly("dep", "dep2");
        assertThat(nodes).extracting(n -> n.get("key").asText()).containsOnly("a", "b");
        // an alert line follows the evidence line it carries
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).has("opened_at")) {
                assertThat(nodes.get(i - 1)).isEqualTo(nodes.get(i).get("evidence"));
            }
        }
    }

    @Test
    void badLinesBecomeDeadLettersWithFileAndLineNumber() throws IOException {
        Output json = replay(jsonl(data()));
        Output csv = replay(csv(data()));

        assertThat(json.deadLetters).extracting(d -> d.get("topic").asText(), d -> d.get("offset").asLong(),
                        d -> d.get("reason").asText(), d -> d.get("partition").asInt())
                // one dead letter: both monitors write to the same dead-letter topic
                .containsExactly(tuple("events.jsonl", 12L, "MALFORMED", 0));
        assertThat(csv.deadLetters).extracting(d -> d.get("topic").asText(), d -> d.get("offset").asLong(),
                        d -> d.get("reason").asText(), d -> d.get("reason_text").asText())
                .containsExactly(tuple("events.csv", 13L, "MALFORMED", "field 'x' is not a number: 'not-a-number'"));
        assertThat(json.result.deadLetters).containsOnlyKeys(DeadLetterReason.MALFORMED);
    }

    @Test
    void latenessIsPerKey() throws IOException {
        Path in = Files.write(dir.resolve("late.jsonl"), List.of(
                new Obs("a", TestData.T0 + 100_000, 1, 1).json(),
                new Obs("b", TestData.T0, 1, 1).json(),                 // far behind a, but b's own first event
                new Obs("a", TestData.T0 + 50_000, 2, 2).json()));      // 50 s behind a (lateness 30 s): LATE

        Output o = replay(in);

        assertThat(o.deadLetters).extracting(d -> d.get("reason").asText(), d -> d.get("key").asText(),
                        d -> d.get("monitor").asText(), d -> d.get("offset").asLong())
                .containsExactly(tuple("LATE", "a", "dep", 3L), tuple("LATE", "a", "dep2", 3L));
    }

    @Test
    void csvCellsMayBeQuotedEmptyOrCarryTypeAndSource() throws IOException {
        Path in = Files.write(dir.resolve("cells.csv"), List.of(
                "key,source,time,x,y,type",
                "\"svc,eu\",edge-1,2026-11-22T08:00:00Z,1.0,2.0,error",
                "\"svc,eu\",edge-1," + (Instant.parse("2026-11-22T08:00:01Z").toEpochMilli()) + ",,2.0,"));

        Output o = replay(in);

        assertThat(o.deadLetters).extracting(d -> d.get("reason").asText(), d -> d.get("key").asText(),
                        d -> d.get("reason_text").asText())
                .containsExactly(tuple("MISSING_FIELD", "svc,eu", "field 'x' is missing"),
                        tuple("MISSING_FIELD", "svc,eu", "field 'x' is missing"));
        assertThat(o.result.lines).isEqualTo(2);
    }

    @Test
    void csvWithoutTimeOrKeyColumnIsRefused() throws IOException {
        Path in = Files.write(dir.resolve("bad.csv"), List.of("when,key,x,y", "1,a,1,2"));

        assertThatThrownBy(() -> replay(in)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSV header must contain 'time' and 'key' columns, got: when,key,x,y");
    }

    @Test
    void lineThatIsNotUtf8IsADeadLetterAndTheReplayGoesOn() throws IOException {
        byte[] good1 = (new Obs("a", TestData.T0, 1, 1).json() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"key\":\"a\u00ff\",\"time\":1}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good2 = (new Obs("a", TestData.T0 + 1000, 2, 2).json() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(good1);
        file.write(bad);
        file.write(good2);
        Path in = Files.write(dir.resolve("latin1.jsonl"), file.toByteArray());

        Output o = replay(in);

        assertThat(o.result.lines).isEqualTo(3);
        assertThat(o.deadLetters).extracting(d -> d.get("reason").asText(), d -> d.get("offset").asLong(),
                        d -> d.get("payload_encoding").asText())
                .containsOnly(tuple("MALFORMED", 2L, "BASE64"));
    }

    @Test
    void csvLineThatIsNotUtf8IsADeadLetterAndTheReplayGoesOn() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("time,key,x,y\r\n".getBytes(StandardCharsets.UTF_8));
        file.write((TestData.T0 + ",a\u00ff,1,2\r\n").getBytes(StandardCharsets.ISO_8859_1));
        file.write((TestData.T0 + ",a,1,2\r\n").getBytes(StandardCharsets.UTF_8));
        Path in = Files.write(dir.resolve("latin1.csv"), file.toByteArray());

        Output o = replay(in);

        assertThat(o.result.lines).isEqualTo(2);
        assertThat(o.deadLetters).extracting(d -> d.get("reason").asText(), d -> d.get("offset").asLong(),
                        d -> d.get("reason_text").asText())
                .containsOnly(tuple("MALFORMED", 2L, "line is not valid UTF-8"));
    }
}
