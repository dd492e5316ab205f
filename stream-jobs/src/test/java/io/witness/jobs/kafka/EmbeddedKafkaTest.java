package io.witness.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.witness.jobs.demo.DemoScenario;
import io.witness.jobs.demo.ScenarioProducer;

/** Talks to a real in-process broker: transactions, read_committed reads, and the demo's producer. */
class EmbeddedKafkaTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        long started = System.nanoTime();
        kafka = EmbeddedKafka.start(dataDir);
        System.out.printf("Embedded Kafka started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
        kafka.close(); // a second close does nothing
    }

    @Test
    void transactionalRecordIsReadBackByReadCommittedConsumer() {
        kafka.createTopics(1, "tx-topic");
        kafka.createTopics(1, "tx-topic"); // existing topics are fine

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test");
        // the most a Flink exactly-once sink may ask for; a broker with a lower maximum refuses initTransactions
        producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "900000");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-topic", "payments", "hello"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = readAll("tx-topic", 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("payments");
        assertThat(records.get(0).value()).isEqualTo("hello");
    }

    @Test
    void scenarioProducerSendsKeyedJsonEvents() throws Exception {
        kafka.createTopics(3, "demo-events");
        DemoScenario scenario = new DemoScenario(7L, Long.MAX_VALUE);
        ScenarioProducer producer = new ScenarioProducer(
                kafka.bootstrapServers(), "demo-events", scenario, 20.0, Duration.ofMillis(1500));
        Thread thread = new Thread(producer, "scenario-producer");
        thread.start();
        assertThat(producer.awaitFinished(Duration.ofSeconds(30))).isTrue();
        producer.close();

        // ~30 ticks of 6 keys; allow for a slow first send on a cold broker
        assertThat(producer.sent()).isGreaterThanOrEqualTo(60);
        assertThat(producer.failed()).isZero();

        List<ConsumerRecord<String, String>> records = readAll("demo-events", producer.sent(), Duration.ofSeconds(30));
        assertThat(records).hasSize((int) producer.sent());
        ObjectMapper json = new ObjectMapper();
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = json.readTree(record.value());
            assertThat(event.get("key").asText()).isEqualTo(record.key());
            assertThat(event.get("time").asLong()).isEqualTo(record.timestamp());
            keys.add(record.key());
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(DemoScenario.DEFAULT_KEYS);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, long expected, Duration timeout) {
        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
