package io.witness.jobs.live;

import static io.witness.jobs.live.LivePageTest.evidence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code witness run --ui-port}'s feed on a real broker: it starts {@value LiveFeed#HISTORY_RECORDS}
 * records before the end of each partition of the evidence and alert topics, then follows them.
 */
class LiveFeedTest {
    private static final long T0 = 1_763_800_000_000L;

    @TempDir
    Path tmp;

    @Test
    void readsTheTailOfTheOutputTopicsThenFollowsThem() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(1, "live.evidence", "live.alerts");
            WitnessConfig config = ConfigLoader.parse(LivePageTest.CONFIG.replace("fields: {x: [x], y: [y]}",
                    "fields: {x: [x], y: [y]}\n    outputs: {alerts: live.alerts, evidence: live.evidence}"))
                    .withBootstrapServers(kafka.bootstrapServers());
            assertThat(LiveFeed.topics(config)).containsExactly("live.evidence", "live.alerts");
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()))) {
                for (int i = 0; i < 2_500; i++) {
                    p.send(new ProducerRecord<>("live.evidence", AvroJson.write(
                            evidence("pairs", "k" + (i % 5), "skit", T0 + i * 100L, 1.0, 1.0, false, Map.of()))));
                }
                p.send(new ProducerRecord<>("live.alerts", AvroJson.write(Alert.newBuilder().setId("a").setMonitor("pairs")
                        .setKey("k1").setMethod("skit").setState(AlertState.OPEN).setOpenedAt(T0)
                        .setEvidence(evidence("pairs", "k1", "skit", T0, 200.0, 0.005, true, Map.of())).setMessage("m").build())));
                p.flush();

                LiveState state = new LiveState(config);
                LiveFeed feed = new LiveFeed(config, state);
                Thread t = new Thread(feed, "live-feed-test");
                t.start();
                try {
                    JsonNode snap = await(state, 2_001);
                    assertThat(snap.path("evidence_seen").asLong()).as("the last %d evidence records", LiveFeed.HISTORY_RECORDS)
                            .isEqualTo(LiveFeed.HISTORY_RECORDS);
                    assertThat(snap.path("open_alerts").findValuesAsText("id")).containsExactly("a");
                    p.send(new ProducerRecord<>("live.evidence", AvroJson.write(
                            evidence("pairs", "new-key", "skit", T0 + 300_000, 3.0, 0.3, false, Map.of()))));
                    p.flush();
                    snap = await(state, 2_002);
                    assertThat(snap.path("monitors").get(0).path("series_tracked").asInt()).isEqualTo(6);
                } finally {
                    feed.close();
                    t.join(10_000);
                }
                assertThat(t.isAlive()).as("the feed stops when closed").isFalse();
            }
        }
    }

    private static JsonNode await(LiveState state, long records) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode snap = state.snapshot(12, 0);
            if (snap.path("evidence_seen").asLong() + snap.path("alerts_seen").asLong() >= records) {
                return snap;
            }
            assertThat(System.nanoTime()).as("%d records read within 30 s (now %s)", records, snap.path("evidence_seen")).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
