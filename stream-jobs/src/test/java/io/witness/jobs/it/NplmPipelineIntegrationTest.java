package io.witness.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.jobs.replay.ReplayRunner;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code nplm} in the streaming job: two keys through a real broker and a MiniCluster with RocksDB
 * state (the learnt reference, its calibration and the window live in keyed state, checkpointed every
 * second). Key "drift" shifts its cpu field by 1.5σ for four windows: its first alert opens on the
 * first shifted window, naming cpu; key "calm" never alarms; the evidence equals a replay of the same
 * events (statistics to 1e−9 relative, see the README on the Vector API's exp).
 */
class NplmPipelineIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L;
    private static final int REFERENCE = 400;
    private static final int EVENTS = REFERENCE + 12 * 50;

    @TempDir
    Path tmp;

    @Test
    void aShiftedKeyAlarmsWithItsEvidence() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(1, "np.events", "np.alerts", "np.evidence", "np.dead");
            List<String[]> lines = new ArrayList<>();
            Random rnd = new Random(3);
            for (int i = 0; i < EVENTS; i++) {
                for (String key : List.of("calm", "drift")) {
                    boolean shifted = key.equals("drift") && i >= REFERENCE + 100 && i < REFERENCE + 300;
                    lines.add(new String[] {key, String.format(Locale.ROOT,
                            "{\"key\":\"%s\",\"time\":%d,\"fields\":{\"cpu\":%s,\"mem\":%s}}", key, T0 + i * 1000L,
                            rnd.nextGaussian() + (shifted ? 1.5 : 0), rnd.nextGaussian())});
                }
            }
            Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps)) {
                for (String[] l : lines) {
                    p.send(new ProducerRecord<>("np.events", l[0], l[1]));
                }
                p.flush();
            }
            String yaml = """
                    kafka:
                      bootstrap-servers: %s
                    job:
                      name: witness-nplm-it
                      checkpoint-interval: 1s
                      metrics-port: 0
                    monitors:
                      - id: gof
                        source: {topic: np.events, format: json}
                        key: key
                        fields: {x: [cpu, mem]}
                        method: nplm
                        alpha: 0.01
                        params: {window: 50, reference-size: 400, null-toys: 40, field-names: 'cpu, mem', resolve-after: 2}
                        outputs: {alerts: np.alerts, evidence: np.evidence, dead-letters: np.dead}
                        alert: {update-interval: 1h}
                    """.formatted(kafka.bootstrapServers());
            WitnessConfig config = ConfigLoader.parse(yaml);
            config = config.withJob(config.job().withStopAtLatest(true));
            JobClient job = LocalJob.start(config, tmp.resolve("flink"), null);
            job.getJobExecutionResult().get(180, TimeUnit.SECONDS);

            List<JsonNode> alerts = new ItKafka(kafka.bootstrapServers()).readCommitted("np.alerts");
            List<JsonNode> evidence = new ItKafka(kafka.bootstrapServers()).readCommitted("np.evidence");
            assertThat(evidence).hasSize(2 * 12);
            assertThat(alerts).isNotEmpty();
            assertThat(alerts.stream().map(a -> a.get("key").asText())).containsOnly("drift");
            JsonNode open = alerts.get(0);
            assertThat(open.get("state").asText()).isEqualTo("OPEN");
            assertThat(open.get("evidence").get("n").asLong()).isEqualTo(REFERENCE + 150);
            assertThat(open.get("evidence").get("explanation").get("dominant_field").asText()).isEqualTo("cpu");

            Path file = tmp.resolve("events.jsonl");
            Files.write(file, lines.stream().map(l -> l[1]).toList());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ReplayRunner(config).run(file, out, null);
            List<JsonNode> replayed = new ArrayList<>();
            for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
                JsonNode n = JSON.readTree(l);
                if (!n.has("id")) {
                    replayed.add(n);
                }
            }
            for (String key : List.of("drift", "calm")) {
                List<JsonNode> s = evidence.stream().filter(e -> e.get("key").asText().equals(key)).toList();
                List<JsonNode> r = replayed.stream().filter(e -> e.get("key").asText().equals(key)).toList();
                assertThat(s).hasSameSizeAs(r);
                for (int i = 0; i < s.size(); i++) {
                    assertThat(s.get(i).get("n")).isEqualTo(r.get(i).get("n"));
                    assertThat(s.get(i).get("alarm")).isEqualTo(r.get(i).get("alarm"));
                    double t = r.get(i).get("statistic").asDouble();
                    assertThat(s.get(i).get("statistic").asDouble()).isCloseTo(t, within(1e-9 * Math.max(1, Math.abs(t))));
                }
            }
        } finally {
            System.setProperty("java.io.tmpdir", previousTmp);
        }
    }
}
