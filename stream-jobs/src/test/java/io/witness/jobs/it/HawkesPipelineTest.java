package io.witness.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.jobs.replay.ReplayRunner;
import io.witness.jobs.support.HawkesEvents;
import io.witness.jobs.support.TestData;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hawkes monitor in the streaming job: typed events through a real broker and a Flink MiniCluster
 * with RocksDB keyed state (parallelism 2, exactly-once sink). The read_committed evidence equals the
 * replay of the same file record for record, so the per-key Hawkes state survived RocksDB's byte round
 * trips on every event, and the cascade key reports its new edge.
 */
class HawkesPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path tmp;

    @Test
    void streamingEvidenceEqualsReplayAndFindsTheCascade() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(2, "h.events");
            kafka.createTopics(1, "h.alerts", "h.evidence", "h.dead");
            List<HawkesEvents.Ev> events = new ArrayList<>(HawkesEvents.cluster("east", TestData.T0, 2 * HOUR, TestData.T0 + HOUR / 2, 1));
            events.addAll(HawkesEvents.cluster("west", TestData.T0, 2 * HOUR, Long.MAX_VALUE, 2));
            events.sort((a, b) -> Long.compare(a.time(), b.time()));
            Path file = tmp.resolve("events.jsonl");
            Files.write(file, events.stream().map(HawkesEvents.Ev::json).toList());
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (HawkesEvents.Ev e : events) {
                    p.send(new ProducerRecord<>("h.events", e.key(), e.json()));
                }
                p.flush();
            }
            WitnessConfig config = ConfigLoader.parse("""
                    kafka: {bootstrap-servers: %s}
                    job: {name: hawkes-it, parallelism: 2, checkpoint-interval: 1s, allowed-lateness: 60s, metrics-port: 0}
                    monitors:
                      - id: cascades
                        source: {topic: h.events}
                        method: hawkes
                        alpha: 0.01
                        params: {bin: 1s, support: 20s, refit-interval: 2m, half-life: 20m, warmup-refits: 5, edge-reference: 30m}
                        outputs: {alerts: h.alerts, evidence: h.evidence, dead-letters: h.dead}
                    """.formatted(kafka.bootstrapServers()));
            config = config.withJob(config.job().withStopAtLatest(true));
            JobClient job = LocalJob.start(config, tmp.resolve("flink"), null);
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

            List<String> streamed = read(kafka, "h.evidence");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ReplayRunner(config).run(file, out, null);
            List<String> replayed = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!JSON.readTree(line).has("state")) {
                    replayed.add(JSON.readTree(line).toString());
                }
            }
            System.out.printf("HAWKES-IT %d events, %d evidence streamed, %d replayed%n", events.size(), streamed.size(), replayed.size());
            assertThat(streamed).hasSizeGreaterThan(80);
            assertThat(streamed.stream().sorted().toList()).isEqualTo(replayed.stream().sorted().toList());
            assertThat(streamed).anyMatch(e -> e.contains("\"key\":\"east\"") && e.contains("\"new_edges\":[\"api->db\"]"));
            assertThat(streamed).noneMatch(e -> e.contains("\"key\":\"west\"") && e.contains("api->db"));
            assertThat(read(kafka, "h.dead")).isEmpty();
        } finally {
            System.setProperty("java.io.tmpdir", previousTmp);
        }
    }

    /** The committed records of a topic, each as its compact JSON text. */
    private static List<String> read(EmbeddedKafka kafka, String topic) throws Exception {
        return new ItKafka(kafka.bootstrapServers()).readCommitted(topic).stream().map(JsonNode::toString).toList();
    }
}
