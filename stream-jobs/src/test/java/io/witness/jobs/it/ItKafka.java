package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Producing to and reading from the embedded broker in the restart tests; cancelling and resuming jobs. */
final class ItKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);

    /** The client id of the tests' own consumers (a test may give it a quota of its own). */
    static final String READER_CLIENT_ID = "it-reader";

    private final String bootstrap;

    ItKafka(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    private Map<String, Object> producerProperties() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,   // keeps the per-partition order on retries
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    private Map<String, Object> consumerProperties(String isolation) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.CLIENT_ID_CONFIG, READER_CLIENT_ID,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    /** Produces the lines in order (Kafka key = event key) and waits for every acknowledgement. */
    void produce(String topic, List<ItScenario.Line> records) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (ItScenario.Line l : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, l.kafkaKey(), l.json())));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Caps how fast every consumer but the tests' own fetches from the broker (Kafka's client quotas): the
     * job's sources then read at a fixed pace however fast the job is.
     */
    void limitConsumers(double bytesPerSecond) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> defaultClient = new java.util.HashMap<>();
            defaultClient.put(ClientQuotaEntity.CLIENT_ID, null);   // null: the default of every client id
            admin.alterClientQuotas(List.of(
                    new ClientQuotaAlteration(new ClientQuotaEntity(defaultClient),
                            List.of(new ClientQuotaAlteration.Op("consumer_byte_rate", bytesPerSecond))),
                    new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, READER_CLIENT_ID)),
                            List.of(new ClientQuotaAlteration.Op("consumer_byte_rate", 1e12)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Produces raw records (any bytes, e.g. invalid UTF-8; a null value is a tombstone) in order and waits for
     * every acknowledgement; returns where each one went.
     */
    List<RecordMetadata> produceRaw(String topic, List<BadRecords.Raw> records) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>(producerProperties());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (BadRecords.Raw r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.kafkaKey(), r.value())));
            }
            producer.flush();
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        }
    }

    /** Produces the lines in order at about 200 per second on a daemon thread (input arriving while a job runs). */
    Thread producePaced(String topic, List<ItScenario.Line> records, List<Exception> failures) {
        Thread t = new Thread(() -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
                for (int i = 0; i < records.size(); i++) {
                    producer.send(new ProducerRecord<>(topic, records.get(i).kafkaKey(), records.get(i).json()));
                    if (i % 3 == 2) {
                        Thread.sleep(15);
                    }
                }
                producer.flush();
            } catch (Exception e) {
                failures.add(e);
            }
        }, "it-paced-producer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Records of a topic from its beginning, read until there are at least n or the timeout passes (then fails). */
    List<JsonNode> awaitAtLeast(String topic, String isolation, int n, Duration timeout) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(isolation))) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, READ_DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < n) {
                if (System.nanoTime() > deadline) {
                    fail("only " + out.size() + " of " + n + " records on " + topic + " (" + isolation + ") within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    /**
     * How many records a consumer of that isolation level reads from a topic now (read_uncommitted: also those
     * of open and aborted transactions; transaction markers are never records).
     */
    int count(String topic, String isolation) throws IOException {
        return read(topic, isolation, false).size();
    }

    /** Everything committed to a topic: from the beginning up to the last stable offsets. */
    List<JsonNode> readCommitted(String topic) throws IOException {
        return read(topic, "read_committed", true);
    }

    /** A topic from its beginning up to its end offsets for that isolation level; null entries unless parsed. */
    private List<JsonNode> read(String topic, String isolation, boolean parse) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(isolation))) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, READ_DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, READ_DEADLINE);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " up to " + end + " within " + READ_DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(parse ? JSON.readTree(r.value()) : null);
                }
            }
        }
        return out;
    }

    /** Cancels a job and waits until it has terminated. */
    static void cancel(JobClient job) throws Exception {
        job.cancel().get(60, TimeUnit.SECONDS);
        awaitTerminated(job);
    }

    /** Waits until a cancelled job has terminated (its result future completes, exceptionally); a TimeoutException fails the test. */
    static void awaitTerminated(JobClient job) throws Exception {
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // cancelled; the job's MiniCluster shuts down with it
        }
    }

    /** The records of a JSONL buffer (a replay's output), blank lines skipped. */
    static List<JsonNode> parseLines(byte[] jsonl) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** The newest complete checkpoint (chk-N with a _metadata file) of a job's checkpoint folder. */
    static Path latestCheckpoint(Path jobCheckpoints) throws IOException {
        try (Stream<Path> s = Files.list(jobCheckpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint under " + jobCheckpoints));
        }
    }

    /** Records grouped by "monitor/key", each group in arrival order. */
    static Map<String, List<JsonNode>> byMonitorAndKey(List<JsonNode> records) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode r : records) {
            out.computeIfAbsent(r.path("monitor").asText("null") + "/" + r.path("key").asText("null"),
                    k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Same groups, same records in the same order per group. */
    static void assertSameRecords(String what, List<JsonNode> got, List<JsonNode> expected) {
        Map<String, List<JsonNode>> g = byMonitorAndKey(got);
        Map<String, List<JsonNode>> e = byMonitorAndKey(expected);
        assertThat(g.keySet()).as("(monitor, key) groups of %s", what).containsExactlyInAnyOrderElementsOf(e.keySet());
        e.forEach((k, list) -> assertThat(g.get(k)).as("%s of %s", what, k).containsExactlyElementsOf(list));
    }
}
