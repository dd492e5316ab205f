package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;

/**
 * The bandit service end to end on a real Kafka broker and a Flink MiniCluster with RocksDB state:
 * decision requests in, decisions out (exactly-once sink), feedback in. Run 1 is cancelled while
 * requests still arrive, so decisions written after its last checkpoint are aborted; run 2 resumes
 * from that checkpoint with the feedback for every decision committed so far, bad records among it.
 * Once every decision is committed, one far-future record on each source partition moves the event-time
 * watermark past the feedback deadlines, and the decisions never answered expire (Flink event-time
 * timers on the keyed state). A read_committed consumer must see exactly one decision per request —
 * none lost, none twice — and the feedback, dead letters and expiries must add up. (Run 2 cannot simply
 * stop at the end of its input: Kafka splits restored from run 1 keep run 1's "no stopping offset".)
 */
class BanditIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_700_000_000_000L;
    private static final String REQUESTS = "bit.requests";
    private static final String FEEDBACK = "bit.feedback";
    private static final String DECISIONS = "bit.decisions";
    private static final String DEAD = "bit.dead-letters";
    private static final List<String> KEYS = List.of("payments", "search", "auth");
    private static final int PER_KEY = 250;

    @TempDir
    Path tmp;

    private static String config(String bootstrap) {
        return """
                kafka: {bootstrap-servers: "%s"}
                job: {name: witness-bandit-it, parallelism: 2, checkpoint-interval: 1s, allowed-lateness: 5s, metrics-port: 0}
                bandits:
                  - id: triage
                    requests: {topic: %s}
                    feedback: {topic: %s}
                    decisions: %s
                    dead-letters: %s
                    context-dim: 2
                    action-dim: 3
                    policy: gp-ucb
                    feedback-timeout: 1h
                    params: {window: 256, beta: 4}
                """.formatted(bootstrap, REQUESTS, FEEDBACK, DECISIONS, DEAD);
    }

    private static String request(String id, String key, long time, double c1, double c2) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"time\":%d,\"context\":[%.4f,%.4f],"
                + "\"actions\":[{\"id\":\"page\",\"features\":[1,0,0]},{\"id\":\"ticket\",\"features\":[0,1,0]},"
                + "{\"id\":\"suppress\",\"features\":[0,0,1]}]}", id, key, time, c1, c2);
    }

    private static String feedback(String id, String key, long time, double reward) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"reward\":%.4f,\"time\":%d}", id, key, reward, time);
    }

    /** (Kafka key, JSON) of every request, interleaved over the keys in time order. */
    private static List<String[]> requests() {
        List<String[]> out = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < PER_KEY; i++) {
            for (String k : KEYS) {
                String id = k + "-" + i;
                out.add(new String[] {k, request(id, k, T0 + i * 100L, r.nextDouble(), r.nextDouble())});
            }
        }
        return out;
    }

    @Test
    void everyRequestGetsExactlyOneDecisionAcrossARestartAndFeedbackAddsUp() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(2, REQUESTS, FEEDBACK);
            kafka.createTopics(1, DECISIONS, DEAD);
            String bootstrap = kafka.bootstrapServers();
            WitnessConfig config = ConfigLoader.parse(config(bootstrap));
            Map<String, Double> before = metrics();
            List<String[]> all = requests();
            int firstPart = all.size() / 3;
            produce(bootstrap, REQUESTS, all.subList(0, firstPart), 0);

            // Run 1 (unbounded, checkpoints every 2 s): cancelled while the rest of the requests arrive.
            Path run1 = tmp.resolve("run1");
            JobClient job1 = LocalJob.start(config.withJob(config.job().withCheckpointInterval(Duration.ofSeconds(2))), run1, null);
            try {
                awaitCount(bootstrap, DECISIONS, "read_committed", 1, Duration.ofSeconds(60));
                Thread pacer = new Thread(() -> produce(bootstrap, REQUESTS, all.subList(firstPart, all.size()), 4));
                pacer.start();
                awaitCount(bootstrap, DECISIONS, "read_uncommitted", firstPart + 150, Duration.ofSeconds(60));
                job1.cancel().get(60, TimeUnit.SECONDS);
                pacer.join(60_000);
            } finally {
                ItKafka.awaitTerminated(job1);
            }
            List<JsonNode> committed1 = read(bootstrap, DECISIONS, "read_committed");
            int written1 = read(bootstrap, DECISIONS, "read_uncommitted").size();
            Path checkpoint = ItKafka.latestCheckpoint(run1.resolve("checkpoints").resolve(job1.getJobID().toString()));

            // Feedback for every committed decision (2 s later in event time), plus bad records.
            List<String[]> feedback = new ArrayList<>();
            for (JsonNode d : committed1) {
                double reward = d.get("action").asText().equals("ticket") ? 0.8 : 0.1;
                feedback.add(new String[] {d.get("key").asText(), feedback(d.get("request_id").asText(), d.get("key").asText(),
                        d.get("time").asLong() + 2000, reward)});
            }
            JsonNode firstDecision = committed1.get(0);
            feedback.add(new String[] {firstDecision.get("key").asText(), feedback(firstDecision.get("request_id").asText(),
                    firstDecision.get("key").asText(), firstDecision.get("time").asLong() + 3000, 0.5)});   // duplicate
            feedback.add(new String[] {"search", feedback("search-never", "search", T0 + 5000, 0.5)});      // unmatched
            produce(bootstrap, FEEDBACK, feedback, 0);
            produce(bootstrap, REQUESTS, List.of(
                    new String[] {"auth", all.get(2)[1]},                        // the request auth-0 again
                    new String[] {"auth", "{\"request_id\":\"auth-x\",\"key\":"}), 0);   // malformed

            // Run 2: from run 1's latest checkpoint, until every decision is committed; then the clock ticks
            // (2 h after T0: past every deadline of 1 h) and the unanswered decisions expire.
            Path run2 = tmp.resolve("run2");
            JobClient job2 = LocalJob.start(config, run2, checkpoint.toString());
            boolean rocksDb;
            int expectedExpired = all.size() - committed1.size();
            try {
                awaitCount(bootstrap, DECISIONS, "read_committed", all.size(), Duration.ofSeconds(60));
                rocksDb = sawRocksDb(run2.resolve("rocksdb"));
                long tick = T0 + 2 * 3_600_000L;
                try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(bootstrap))) {
                    for (int part = 0; part < 2; part++) {
                        p.send(new ProducerRecord<>(REQUESTS, part, "payments", request("tick-" + part, "payments", tick, 0.5, 0.5)));
                        p.send(new ProducerRecord<>(FEEDBACK, part, "payments", feedback("tick-fb-" + part, "payments", tick, 0)));
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (metrics().get("expired") - before.get("expired") < expectedExpired) {
                    if (System.nanoTime() > deadline) {
                        fail("only " + (metrics().get("expired") - before.get("expired")) + " of " + expectedExpired + " decisions expired");
                    }
                    Thread.sleep(100);
                }
                awaitCount(bootstrap, DECISIONS, "read_committed", all.size() + 2, Duration.ofSeconds(30));
                awaitCount(bootstrap, DEAD, "read_committed", 6, Duration.ofSeconds(30));
            } finally {
                job2.cancel().get(60, TimeUnit.SECONDS);
                ItKafka.awaitTerminated(job2);
            }

            List<JsonNode> decisions = read(bootstrap, DECISIONS, "read_committed").stream()
                    .filter(d -> !d.get("request_id").asText().startsWith("tick-")).toList();
            List<JsonNode> dead = read(bootstrap, DEAD, "read_committed");
            Map<String, Double> after = metrics();
            Map<String, Double> delta = new LinkedHashMap<>();
            after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0.0)));
            System.out.printf("bandit restart: run 1 wrote %d decisions, %d committed at cancel; resumed from %s; "
                            + "%d decisions committed in the end; dead letters %s; metric deltas %s%n", written1,
                    committed1.size(), checkpoint.getFileName(), decisions.size(),
                    dead.stream().map(d -> d.get("reason").asText()).sorted().toList(), delta);

            Map<String, Long> perRequest = decisions.stream()
                    .collect(Collectors.groupingBy(d -> d.get("request_id").asText(), Collectors.counting()));
            assertThat(perRequest.values()).as("decisions per request id").containsOnly(1L);
            Set<String> expectedIds = new TreeSet<>();
            KEYS.forEach(k -> { for (int i = 0; i < PER_KEY; i++) { expectedIds.add(k + "-" + i); } });
            assertThat(new TreeSet<>(perRequest.keySet())).isEqualTo(expectedIds);
            assertThat(decisions.subList(0, committed1.size())).as("what was committed before the crash stays")
                    .isEqualTo(committed1);
            for (JsonNode d : decisions) {
                assertThat(d.get("bandit").asText()).isEqualTo("triage");
                assertThat(d.get("action").asText()).isIn("page", "ticket", "suppress");
                assertThat(d.get("key").asText() + "-").isEqualTo(d.get("request_id").asText().replaceAll("[0-9]+$", ""));
            }
            // per key, plays count up without a gap: no decision was made twice inside the state either
            Map<String, List<Long>> plays = new HashMap<>();
            decisions.forEach(d -> plays.computeIfAbsent(d.get("key").asText(), k -> new ArrayList<>()).add(d.get("plays").asLong()));
            plays.forEach((k, p) -> assertThat(p.stream().sorted().toList()).as("plays of %s", k)
                    .isEqualTo(java.util.stream.LongStream.range(0, PER_KEY).boxed().toList()));

            assertThat(dead.stream().map(d -> d.get("reason").asText() + " " + d.get("topic").asText()).sorted().toList())
                    .containsExactly("DUPLICATE " + FEEDBACK, "DUPLICATE " + REQUESTS, "MALFORMED " + REQUESTS,
                            "UNMATCHED " + FEEDBACK, "UNMATCHED " + FEEDBACK, "UNMATCHED " + FEEDBACK);   // 2 of them the ticks
            // the window (256) holds every play of a key (250), so every matched reward is used
            assertThat(delta.get("applied")).isEqualTo(committed1.size());
            assertThat(delta.get("unused")).isZero();
            assertThat(delta.get("duplicate")).isEqualTo(1.0);
            assertThat(delta.get("unmatched")).isEqualTo(3.0);
            assertThat(delta.get("expired")).as("the watermark past the deadlines expires every unanswered decision")
                    .isEqualTo(expectedExpired);
            assertThat(delta.get("pending")).isZero();
            assertThat(rocksDb).as("a RocksDB instance of the bandit operator under %s", run2.resolve("rocksdb")).isTrue();
        } finally {
            System.setProperty("java.io.tmpdir", previousTmp);
        }
    }

    private static Map<String, Double> metrics() {
        CollectorRegistry r = CollectorRegistry.defaultRegistry;
        Map<String, Double> m = new LinkedHashMap<>();
        for (String outcome : List.of("applied", "unused", "duplicate", "unmatched")) {
            m.put(outcome, value(r.getSampleValue("witness_bandit_feedback_total", new String[] {"bandit", "outcome"},
                    new String[] {"triage", outcome})));
        }
        m.put("expired", value(r.getSampleValue("witness_bandit_expired_total", new String[] {"bandit"}, new String[] {"triage"})));
        m.put("pending", value(r.getSampleValue("witness_bandit_pending", new String[] {"bandit"}, new String[] {"triage"})));
        return m;
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    private static Map<String, Object> producerProps(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    /** Produces (key, value) records in order; {@code pauseEvery} > 0 sleeps 15 ms every that many records. */
    private static void produce(String bootstrap, String topic, List<String[]> records, int pauseEvery) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producerProps(bootstrap))) {
            for (int i = 0; i < records.size(); i++) {
                p.send(new ProducerRecord<>(topic, records.get(i)[0], records.get(i)[1]));
                if (pauseEvery > 0 && i % pauseEvery == pauseEvery - 1) {
                    Thread.sleep(15);
                }
            }
            p.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    /** Everything in a topic up to its end offsets (for read_committed: the last stable offsets). */
    private static List<JsonNode> read(String bootstrap, String topic, String isolation) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer(bootstrap, isolation)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    private static void awaitCount(String bootstrap, String topic, String isolation, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read(bootstrap, topic, isolation).size() < n) {
            if (System.nanoTime() > deadline) {
                fail("fewer than " + n + " records on " + topic + " (" + isolation + ") within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** True when a RocksDB instance (db/CURRENT) of a keyed operator exists under the job's local state dir. */
    private static boolean sawRocksDb(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(stateDir)) {
            return s.anyMatch(p -> p.getFileName().toString().equals("CURRENT")
                    && p.getParent().getFileName().toString().equals("db")
                    && p.toString().contains("KeyedProcessOperator"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
