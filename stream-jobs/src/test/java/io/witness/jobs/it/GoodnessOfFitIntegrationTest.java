package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.jobs.replay.ReplayRunner;
import io.witness.jobs.support.DriftScenario;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ksd, pksd, sequence-ksd (with its type-field) and mmd-betting in the streaming job: a real broker, a
 * Flink MiniCluster with RocksDB keyed state, exactly-once output. The alerts read back must be the
 * ones {@code replay} makes from the same events, and only for the drifting key.
 */
class GoodnessOfFitIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "gof.events";

    @TempDir
    Path tmp;

    @Test
    void streamedAlertsEqualReplayedAlertsAndOnlyTheDriftingKeyAlerts() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(2, INPUT);
            kafka.createTopics(1, "gof.alerts", "gof.evidence", "gof.dead");
            List<String> lines = DriftScenario.lines(5);
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (String l : lines) {
                    p.send(new ProducerRecord<>(INPUT, JSON.readTree(l).get("key").asText(), l));
                }
                p.flush();
            }
            String yaml = """
                    kafka:
                      bootstrap-servers: %s
                    job:
                      name: gof-it
                      parallelism: 2
                      checkpoint-interval: 1s
                      metrics-port: 0
                    monitors:
                    """.formatted(kafka.bootstrapServers())
                    + DriftScenario.monitors(INPUT, "    outputs: {alerts: gof.alerts, evidence: gof.evidence, dead-letters: gof.dead}");
            WitnessConfig config = ConfigLoader.parse(yaml);
            config = config.withJob(config.job().withStopAtLatest(true));
            JobClient job = LocalJob.start(config, tmp.resolve("flink"), null);
            job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

            List<JsonNode> streamed = new ItKafka(kafka.bootstrapServers()).readCommitted("gof.alerts");
            Path file = Files.write(tmp.resolve("events.jsonl"), lines);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ReplayRunner(config).run(file, out, new ByteArrayOutputStream());
            List<JsonNode> replayed = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                JsonNode n = JSON.readTree(line);
                if (n.has("opened_at")) {
                    replayed.add(n);
                }
            }
            assertThat(summary(streamed)).isEqualTo(summary(replayed));
            assertThat(streamed).extracting(a -> a.get("monitor").asText())
                    .contains("fit", "modes", "flows", "drift");
            assertThat(streamed).allSatisfy(a -> assertThat(a.get("key").asText()).isEqualTo("drift"));
        } finally {
            System.setProperty("java.io.tmpdir", previousTmp);
        }
    }

    /** What identifies an alert record, sorted (the two partitions interleave differently). */
    private static TreeSet<String> summary(List<JsonNode> alerts) {
        TreeSet<String> s = new TreeSet<>();
        for (JsonNode a : alerts) {
            s.add(a.get("monitor").asText() + "/" + a.get("key").asText() + "/" + a.get("state").asText() + "/"
                    + a.get("opened_at").asLong() + "/" + a.get("evidence").get("n").asLong() + "/"
                    + a.get("evidence").get("statistic").asDouble());
        }
        return s;
    }
}
