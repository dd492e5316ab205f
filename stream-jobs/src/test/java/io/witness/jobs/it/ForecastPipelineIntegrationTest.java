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

/**
 * {@code kernel-forecast} in the streaming job, short: two keys of one metric through a real broker and
 * a MiniCluster with RocksDB state; one key's level jumps by 8σ at event 400. Exactly one alert opens,
 * for that key, right after the jump; evidence carries the forecast, residual, score and recent values;
 * replaying the same events gives the same evidence.
 */
class ForecastPipelineIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L;
    private static final int EVENTS = 600;
    private static final int SHIFT_AT = 400;

    @TempDir
    Path tmp;

    @Test
    void aLevelShiftOpensOneAlertWithItsEvidence() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(1, "fc.events", "fc.alerts", "fc.evidence", "fc.dead");
            List<String[]> lines = new ArrayList<>();
            Random rnd = new Random(5);
            for (int i = 0; i < EVENTS; i++) {
                for (String key : List.of("shifty", "calm")) {
                    double v = 50 + rnd.nextGaussian() + (key.equals("shifty") && i >= SHIFT_AT ? 8 : 0);
                    lines.add(new String[] {key, String.format(Locale.ROOT,
                            "{\"key\":\"%s\",\"time\":%d,\"fields\":{\"latency\":%.5f}}", key, T0 + i * 1000L, v)});
                }
            }
            Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps)) {
                for (String[] l : lines) {
                    p.send(new ProducerRecord<>("fc.events", l[0], l[1]));
                }
                p.flush();
            }
            String yaml = """
                    kafka:
                      bootstrap-servers: %s
                    job:
                      name: witness-fc-it
                      checkpoint-interval: 1s
                      metrics-port: 0
                    monitors:
                      - id: latency
                        source: {topic: fc.events, format: json}
                        key: key
                        fields: {value: [latency]}
                        method: kernel-forecast
                        outputs: {alerts: fc.alerts, evidence: fc.evidence, dead-letters: fc.dead}
                        alert: {update-interval: 1h}
                    """.formatted(kafka.bootstrapServers());
            WitnessConfig config = ConfigLoader.parse(yaml);
            config = config.withJob(config.job().withStopAtLatest(true));
            JobClient job = LocalJob.start(config, tmp.resolve("flink"), null);
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

            List<JsonNode> alerts = new ItKafka(kafka.bootstrapServers()).readCommitted("fc.alerts");
            List<JsonNode> evidence = new ItKafka(kafka.bootstrapServers()).readCommitted("fc.evidence");
            List<JsonNode> opens = alerts.stream().filter(a -> a.get("state").asText().equals("OPEN")).toList();
            assertThat(opens).hasSize(1);
            JsonNode open = opens.get(0);
            assertThat(open.get("key").asText()).isEqualTo("shifty");
            assertThat(open.get("method").asText()).isEqualTo("kernel-forecast");
            assertThat(open.get("opened_at").asLong()).isBetween(T0 + SHIFT_AT * 1000L, T0 + (SHIFT_AT + 5) * 1000L);
            JsonNode why = open.get("evidence").get("explanation");
            assertThat(why.get("recent").size()).isEqualTo(8);
            assertThat(why.get("residual").asDouble()).isGreaterThan(4);
            assertThat(why.get("surprise").asDouble()).as("p <= 1e-4").isGreaterThanOrEqualTo(4.0);
            assertThat(why.get("score").asDouble()).isGreaterThanOrEqualTo(0.8);
            assertThat(why.has("forecast")).isTrue();
            assertThat(evidence.stream().filter(e -> e.get("key").asText().equals("calm")).count())
                    .as("one evidence record per scored event of the calm key").isEqualTo(EVENTS - 128);

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
            for (String key : List.of("shifty", "calm")) {
                assertThat(evidence.stream().filter(e -> e.get("key").asText().equals(key)).toList())
                        .as("streamed = replayed evidence of %s", key)
                        .isEqualTo(replayed.stream().filter(e -> e.get("key").asText().equals(key)).toList());
            }
        } finally {
            System.setProperty("java.io.tmpdir", previousTmp);
        }
    }
}
