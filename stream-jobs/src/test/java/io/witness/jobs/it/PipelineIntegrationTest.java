package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.jobs.replay.ReplayRunner;

/**
 * The Foundation pipeline end to end against a real Kafka broker (in-process KRaft on loopback) and a
 * real Flink MiniCluster with RocksDB keyed state and exactly-once Kafka output.
 *
 * <p>One broker and one bounded job serve every test: {@link #runPipelineOnce} produces the whole
 * {@link ItScenario} to the input topic, runs the job with {@code stop-at-latest} until it finishes
 * (watching the RocksDB directory while it runs), reads the three output topics with a
 * {@code read_committed} consumer, and replays the same events from a JSONL file. The test methods
 * only inspect what was collected.
 */
class PipelineIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 7L;
    private static final int EVENTS_PER_KEY = 700;
    private static final int PARALLELISM = 2;   // as in ItScenario.config
    private static final String INPUT = "it.events";
    private static final String ALERTS = "it.alerts";
    private static final String EVIDENCE = "it.evidence";
    private static final String DEAD_LETTERS = "it.dead-letters";
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static String previousTmpDir;
    private static EmbeddedKafka kafka;
    private static List<ItScenario.Line> lines;
    /** Offsets of the produced input records, in production order. */
    private static final List<RecordMetadata> produced = new ArrayList<>();
    private static Path stateDir;
    /** RocksDB instance folders seen under the configured local dir while the job ran, with the files in their db/. */
    private static final Map<Path, Set<String>> rocksDbInstances = new LinkedHashMap<>();
    private static final Map<String, Double> metricDeltas = new LinkedHashMap<>();

    private static List<JsonNode> streamedAlerts;
    private static List<JsonNode> streamedEvidence;
    private static List<JsonNode> streamedDeadLetters;
    private static List<JsonNode> replayedAlerts;
    private static List<JsonNode> replayedEvidence;
    private static List<JsonNode> replayedDeadLetters;
    private static long jobMillis;

    @BeforeAll
    static void runPipelineOnce() throws Exception {
        long t0 = System.nanoTime();
        // Flink and RocksDB write temp files: keep them in this test's folder.
        previousTmpDir = System.getProperty("java.io.tmpdir");
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        System.setProperty("java.io.tmpdir", javaTmp.toString());

        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        kafka.createTopics(2, INPUT);
        kafka.createTopics(1, ALERTS, EVIDENCE, DEAD_LETTERS);

        lines = ItScenario.lines(SEED, EVENTS_PER_KEY);
        Path replayInput = tmp.resolve("events.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(replayInput, StandardCharsets.UTF_8)) {
            for (ItScenario.Line l : lines) {
                w.write(l.json());
                w.newLine();
            }
        }
        produce(INPUT, lines, produced);

        Map<String, Double> before = metrics();
        WitnessConfig config = ConfigLoader.parse(ItScenario.config(kafka.bootstrapServers(), "witness-it", INPUT,
                ALERTS, EVIDENCE, DEAD_LETTERS));
        config = config.withJob(config.job().withStopAtLatest(true));
        Path flinkDir = tmp.resolve("flink");
        stateDir = flinkDir.resolve("rocksdb");

        long jobStart = System.nanoTime();
        JobClient job = LocalJob.start(config, flinkDir, null);
        awaitFinished(job);
        jobMillis = (System.nanoTime() - jobStart) / 1_000_000;
        metrics().forEach((k, v) -> metricDeltas.put(k, v - before.getOrDefault(k, 0.0)));

        streamedAlerts = readCommitted(ALERTS);
        streamedEvidence = readCommitted(EVIDENCE);
        streamedDeadLetters = readCommitted(DEAD_LETTERS);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        new ReplayRunner(config).run(replayInput, out, dead);
        replayedAlerts = new ArrayList<>();
        replayedEvidence = new ArrayList<>();
        for (JsonNode n : ItKafka.parseLines(out.toByteArray())) {
            (n.has("id") ? replayedAlerts : replayedEvidence).add(n);
        }
        replayedDeadLetters = ItKafka.parseLines(dead.toByteArray());

        System.out.printf("integration pipeline: %d input records, job %d ms, setup total %d ms; streamed %d alerts, "
                        + "%d evidence, %d dead letters; RocksDB instances %s%n", lines.size(), jobMillis,
                (System.nanoTime() - t0) / 1_000_000, streamedAlerts.size(), streamedEvidence.size(),
                streamedDeadLetters.size(), rocksDbInstances);
    }

    @AfterAll
    static void stopBroker() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (previousTmpDir != null) {
                System.setProperty("java.io.tmpdir", previousTmpDir);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Test
    void dependenceAfterTheChangePointOpensOneAlertForTheRightMonitorAndKeyOnly() {
        assertThat(streamedAlerts).as("alert records on %s (read_committed)", ALERTS).isNotEmpty();
        for (JsonNode a : streamedAlerts) {
            assertThat(a.get("monitor").asText() + "/" + a.get("key").asText())
                    .as("every alert is for the dependent key on the independence monitor: %s", a)
                    .isEqualTo("dep/" + ItScenario.DEP_KEY);
        }
        List<JsonNode> opens = streamedAlerts.stream().filter(a -> a.get("state").asText().equals("OPEN")).toList();
        assertThat(opens).as("OPEN alerts").hasSize(1);
        JsonNode open = opens.get(0);
        assertThat(streamedAlerts.get(0)).as("the first alert record is the OPEN").isEqualTo(open);
        assertThat(streamedAlerts).extracting(a -> a.get("id").asText()).as("one alert episode, one id")
                .containsOnly(open.get("id").asText());

        long openedAt = open.get("opened_at").asLong();
        assertThat(openedAt).as("opened after the dependence starts").isGreaterThanOrEqualTo(ItScenario.changeTime());
        // strong dependence (y = x + 0.3 noise) is found within 300 events (measured: ~100)
        assertThat(openedAt).as("opened soon after the dependence starts")
                .isLessThanOrEqualTo(ItScenario.time(ItScenario.CHANGE_INDEX + 300));
        JsonNode ev = open.get("evidence");
        assertThat(ev.get("alarm").asBoolean()).isTrue();
        assertThat(ev.get("time").asLong()).isEqualTo(openedAt);
        assertThat(ev.get("e_value").asDouble()).isGreaterThanOrEqualTo(ev.get("threshold").asDouble());
        assertThat(ev.get("threshold").asDouble()).isEqualTo(100.0);   // 1/alpha
        assertThat(ev.get("p_value").asDouble()).isLessThanOrEqualTo(0.01);

        // The evidence stream agrees: no alarm anywhere else, none before the change point.
        for (JsonNode e : streamedEvidence) {
            if (e.get("alarm").asBoolean()) {
                assertThat(e.get("monitor").asText() + "/" + e.get("key").asText()).as("alarm step %s", e)
                        .isEqualTo("dep/" + ItScenario.DEP_KEY);
                assertThat(e.get("time").asLong()).isGreaterThanOrEqualTo(openedAt);
            }
        }
        // The monitors saw every key (bets were placed, evidence flowed, for independent keys too).
        Map<String, List<JsonNode>> byKey = groupByMonitorAndKey(streamedEvidence);
        assertThat(byKey.keySet()).containsExactlyInAnyOrder(
                "dep/dep-a", "dep/ind-b", "dep/ind-c", "ctl/dep-a", "ctl/ind-b", "ctl/ind-c", "dep/fut-z", "ctl/fut-z");
        ItScenario.KEYS.forEach(k -> List.of("dep/", "ctl/").forEach(m -> assertThat(byKey.get(m + k))
                .as("evidence of %s", m + k).hasSizeGreaterThan(EVENTS_PER_KEY / 2 - 10)));
    }

    @Test
    void badRecordsLandInTheDeadLetterTopicWithTheirReasonsWhileGoodRecordsFlow() {
        List<String> got = streamedDeadLetters.stream()
                .map(d -> d.get("reason").asText() + " " + text(d, "monitor") + " " + text(d, "key")).sorted().toList();
        assertThat(got).containsExactly(
                "LATE ctl ind-c",
                "LATE dep ind-c",
                "MALFORMED null null",
                "NOT_FINITE dep ind-b",
                "WRONG_DIMENSION dep ind-c");

        ItScenario.Line malformedLine = lines.stream().filter(l -> !l.json().endsWith("}")).findFirst().orElseThrow();
        JsonNode malformed = deadLetter("MALFORMED", null);
        assertThat(malformed.get("reason_text").asText()).startsWith("not valid JSON");
        assertThat(malformed.get("payload").asText()).isEqualTo(malformedLine.json());
        assertThat(malformed.get("payload_encoding").asText()).isEqualTo("UTF8");
        assertPointsAtInputRecord(malformed, malformedLine);

        JsonNode nan = deadLetter("NOT_FINITE", "dep");
        assertThat(nan.get("reason_text").asText()).isEqualTo("field 'x' is NaN");
        assertPointsAtInputRecord(nan, lines.stream().filter(l -> l.json().contains("NaN")).findFirst().orElseThrow());

        JsonNode dim = deadLetter("WRONG_DIMENSION", "dep");
        assertThat(dim.get("reason_text").asText()).isEqualTo("field 'x' must be a single number, got a vector of 2");
        assertPointsAtInputRecord(dim, lines.stream().filter(l -> l.json().contains("[0.1,0.2]")).findFirst().orElseThrow());

        long lateTime = ItScenario.time(ItScenario.BAD_AT_INDEX) - ItScenario.LATE_BY_MS;
        ItScenario.Line lateLine = lines.stream().filter(l -> l.json().contains("\"time\":" + lateTime + ",")).findFirst()
                .orElseThrow();
        for (String monitor : List.of("dep", "ctl")) {
            JsonNode late = deadLetter("LATE", monitor);
            assertThat(late.get("reason_text").asText()).contains("behind the newest event of this key")
                    .contains("job.allowed-lateness = 5000 ms");
            assertThat(late.get("payload").asText()).contains("\"time\":" + lateTime);
            assertPointsAtInputRecord(late, lateLine);
        }

        // Good records kept flowing after the bad ones: every (monitor, key) has evidence after them, and the
        // control monitor used the records that only the independence monitor rejected (NaN x, vector x).
        long badTime = ItScenario.time(ItScenario.BAD_AT_INDEX);
        // (SKIT bets once per pair of observations: the last bet is on one of the last two events of its key)
        groupByMonitorAndKey(streamedEvidence).forEach((k, list) -> assertThat(list.get(list.size() - 1).get("time").asLong())
                .as("last evidence of %s", k).isGreaterThanOrEqualTo(ItScenario.time(EVENTS_PER_KEY - 2)));
        assertThat(groupByMonitorAndKey(streamedEvidence).get("ctl/ind-b")).anyMatch(e -> e.get("time").asLong() > badTime);

        // Event times far from the broker's clock are not bad input: the key in the year 2100 got its evidence
        // (its Kafka record is stamped with the time it was written; the event time is in the payload).
        for (String m : List.of("dep/", "ctl/")) {
            List<JsonNode> future = groupByMonitorAndKey(streamedEvidence).get(m + ItScenario.FUTURE_KEY);
            assertThat(future).as("evidence of %s", m + ItScenario.FUTURE_KEY).hasSize(ItScenario.FUTURE_EVENTS / 2 - 1);
            assertThat(future.get(0).get("time").asLong()).isEqualTo(ItScenario.FUTURE_T0 + 3 * ItScenario.STEP_MS);
        }

        // The same counts on the job's own metrics (same JVM as the MiniCluster).
        assertThat(metricDeltas.get("dead_letters:LATE")).isEqualTo(2.0);
        assertThat(metricDeltas.get("dead_letters:MALFORMED")).isEqualTo(1.0);
        assertThat(metricDeltas.get("dead_letters:NOT_FINITE")).isEqualTo(1.0);
        assertThat(metricDeltas.get("dead_letters:WRONG_DIMENSION")).isEqualTo(1.0);
        assertThat(metricDeltas.get("dead_letters:DUPLICATE")).isEqualTo(0.0);
        assertThat(metricDeltas.get("dead_letters:MISSING_FIELD")).isEqualTo(0.0);
        assertThat(metricDeltas.get("events_in")).isEqualTo((double) lines.size());
        assertThat(metricDeltas.get("events_in")).isEqualTo(3.0 * EVENTS_PER_KEY + 4 + ItScenario.FUTURE_EVENTS);
    }

    @Test
    void replayAndStreamingGiveTheSameEvidenceAlertsAndDeadLetters() {
        // Evidence and alerts: every field, in order per (monitor, key). Records of different keys have no
        // defined relative order in the streaming job (two partitions, two subtasks).
        Map<String, List<JsonNode>> streamed = groupByMonitorAndKey(streamedEvidence);
        Map<String, List<JsonNode>> replayed = groupByMonitorAndKey(replayedEvidence);
        assertSameRecords("evidence", streamed, replayed);
        assertThat(replayedEvidence).hasSize(streamedEvidence.size());
        assertSameRecords("alerts", groupByMonitorAndKey(streamedAlerts), groupByMonitorAndKey(replayedAlerts));

        // Dead letters: every field except
        //  - time: the wall clock when the dead letter was made (not an event time), different in every run;
        //  - topic, partition, offset: where the record came from — the Kafka input topic in streaming, the
        //    file name, partition 0 and the line number in replay (the streaming ones are checked against
        //    the input topic in badRecordsLandInTheDeadLetterTopic...).
        assertSameRecords("dead letters", groupByMonitorAndKey(withoutOrigin(streamedDeadLetters)),
                groupByMonitorAndKey(withoutOrigin(replayedDeadLetters)));
    }

    @Test
    void keyedStateLivesInRocksDbUnderTheConfiguredLocalDir() {
        // One RocksDB instance per subtask of the keyed monitor operator, each a real database: db/CURRENT
        // and an OPTIONS-* file, under state.backend.rocksdb.localdir (= job.state-dir).
        assertThat(rocksDbInstances).as("RocksDB instances seen under %s while the job ran", stateDir)
                .hasSize(PARALLELISM);
        rocksDbInstances.forEach((instance, files) -> {
            assertThat(instance).startsWithRaw(stateDir);   // lexical: the folder is gone after the job
            assertThat(instance.getFileName().toString()).contains("MonitorOperator");
            assertThat(files).contains("CURRENT");
            assertThat(files).anyMatch(f -> f.startsWith("OPTIONS-"));
        });
    }

    /**
     * Crash and recovery: the same events through a second, unbounded job. The second half of the events
     * is produced at a steady pace while run 1 runs; run 1 is cancelled as soon as its OPEN alert has been
     * written (usually before the checkpoint that commits it), restarted from its latest retained
     * checkpoint, and left to finish the input. Whatever run 1 wrote after that checkpoint is aborted
     * and redone by run 2; read_committed consumers must still see every record exactly once: the same
     * evidence, alerts and dead letters as the replay, and no alert id twice.
     */
    @Test
    void restartFromTheLatestCheckpointDuplicatesNothing() throws Exception {
        String in = "it.restart.events";
        String alerts = "it.restart.alerts";
        String evidence = "it.restart.evidence";
        String dead = "it.restart.dead-letters";
        kafka.createTopics(2, in);
        kafka.createTopics(1, alerts, evidence, dead);
        WitnessConfig config = ConfigLoader.parse(ItScenario.config(kafka.bootstrapServers(), "witness-it-restart", in,
                alerts, evidence, dead));   // unbounded: runs until cancelled
        long splitAt = ItScenario.changeTime();
        List<ItScenario.Line> first = lines.stream().filter(l -> ItScenario.timeOf(l) < splitAt).toList();
        List<ItScenario.Line> rest = lines.stream().filter(l -> ItScenario.timeOf(l) >= splitAt).toList();
        assertThat(first.size() + rest.size()).isEqualTo(lines.size());
        produce(in, first, new ArrayList<>());

        // Run 1: checkpoints every 3 s, so that the cancel usually falls between an output and its commit.
        Path run1 = tmp.resolve("restart-run1");
        JobClient job1 = LocalJob.start(config.withJob(config.job().withCheckpointInterval(Duration.ofSeconds(3))), run1, null);
        PacedProducer pacer = new PacedProducer(in, rest);
        try (CommittedReader evidenceCommitted = new CommittedReader(evidence, "read_committed");
             CommittedReader alertsSeen = new CommittedReader(alerts, "read_uncommitted")) {
            evidenceCommitted.awaitAtLeast(1, Duration.ofSeconds(90));   // run 1 has completed a checkpoint
            pacer.start();
            alertsSeen.awaitAtLeast(1, Duration.ofSeconds(60));     // the OPEN alert is written ...
        } finally {
            job1.cancel().get(60, TimeUnit.SECONDS);                 // ... crash
        }
        boolean alertCommittedAtCancel = !readCommitted(alerts).isEmpty();
        ItKafka.awaitTerminated(job1);
        pacer.join(Duration.ofSeconds(60));
        // Not asserted (timing): how much of run 1's output was never committed, i.e. redone by run 2.
        int written1 = readAll(evidence, "read_uncommitted").size();
        int committed1 = readCommitted(evidence).size();
        Path checkpoint = ItKafka.latestCheckpoint(run1.resolve("checkpoints").resolve(job1.getJobID().toString()));

        // Run 2: from that checkpoint until all the evidence is committed.
        JobClient job2 = LocalJob.start(config, tmp.resolve("restart-run2"), checkpoint.toString());
        try (CommittedReader evidenceReader = new CommittedReader(evidence, "read_committed")) {
            evidenceReader.awaitAtLeast(replayedEvidence.size(), Duration.ofSeconds(120));
        } finally {
            job2.cancel().get(60, TimeUnit.SECONDS);
        }
        ItKafka.awaitTerminated(job2);

        List<JsonNode> gotAlerts = readCommitted(alerts);
        List<JsonNode> gotEvidence = readCommitted(evidence);
        List<JsonNode> gotDead = readCommitted(dead);
        System.out.printf("restart: run 1 wrote %d evidence records, %d committed when it was cancelled (OPEN alert %s); "
                        + "resumed from %s; in the end %d alerts, %d evidence, %d dead letters committed%n",
                written1, committed1, alertCommittedAtCancel ? "committed" : "not yet committed", checkpoint,
                gotAlerts.size(), gotEvidence.size(), gotDead.size());
        Set<String> alertRecords = new TreeSet<>();
        for (JsonNode a : gotAlerts) {
            assertThat(alertRecords.add(a.get("id").asText() + " " + a.get("state").asText()))
                    .as("alert %s %s seen once", a.get("id").asText(), a.get("state").asText()).isTrue();
        }
        assertSameRecords("alerts after restart", groupByMonitorAndKey(gotAlerts), groupByMonitorAndKey(replayedAlerts));
        assertSameRecords("evidence after restart", groupByMonitorAndKey(gotEvidence), groupByMonitorAndKey(replayedEvidence));
        assertThat(gotEvidence).hasSize(replayedEvidence.size());
        assertSameRecords("dead letters after restart", groupByMonitorAndKey(withoutOrigin(gotDead)),
                groupByMonitorAndKey(withoutOrigin(replayedDeadLetters)));
    }

    // ------------------------------------------------------------------------------------------------

    private static Map<String, Object> producerProperties() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,   // keeps the per-partition order on retries
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    private static void produce(String topic, List<ItScenario.Line> records, List<RecordMetadata> offsets) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (ItScenario.Line l : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, l.kafkaKey(), l.json())));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                offsets.add(f.get(30, TimeUnit.SECONDS));
            }
        }
    }

    /** Waits for the bounded job to finish, looking for RocksDB's files under the state dir meanwhile. */
    private static void awaitFinished(JobClient job) throws Exception {
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        while (!result.isDone()) {
            if (System.nanoTime() > deadline) {
                job.cancel().get(30, TimeUnit.SECONDS);
                fail("the bounded job did not finish within " + JOB_DEADLINE.toSeconds() + " s (status "
                        + job.getJobStatus().get(5, TimeUnit.SECONDS) + ")");
            }
            scanRocksDb();
            Thread.sleep(50);
        }
        result.get();   // rethrows a job failure
    }

    private static void scanRocksDb() {
        if (!Files.isDirectory(stateDir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(stateDir)) {
            s.filter(p -> p.getFileName().toString().equals("CURRENT") && p.getParent().getFileName().toString().equals("db"))
                    .forEach(current -> {
                        Path db = current.getParent();
                        try (Stream<Path> files = Files.list(db)) {
                            Set<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
                            rocksDbInstances.computeIfAbsent(db.getParent(), k -> new TreeSet<>()).addAll(names);
                        } catch (IOException ignored) {
                            // the instance went away between walk and list (job finishing)
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // folders come and go while the job starts and stops; the next scan sees them
        }
    }

    /** Produces records in order at about 200 per second on its own thread (input arriving while a job runs). */
    private static final class PacedProducer extends Thread {
        private final String topic;
        private final List<ItScenario.Line> records;
        private volatile Exception failure;

        PacedProducer(String topic, List<ItScenario.Line> records) {
            super("it-paced-producer");
            setDaemon(true);
            this.topic = topic;
            this.records = records;
        }

        @Override
        public void run() {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, records.get(i).kafkaKey(), records.get(i).json())));
                    if (i % 3 == 2) {
                        Thread.sleep(15);
                    }
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        void join(Duration timeout) throws Exception {
            join(timeout.toMillis());
            assertThat(isAlive()).as("paced producer still running after %s", timeout).isFalse();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A consumer from the beginning of a topic that accumulates what it reads. */
    private static final class CommittedReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        final List<JsonNode> records = new ArrayList<>();

        CommittedReader(String topic, String isolation) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
            List<TopicPartition> parts = consumer.partitionsFor(topic, READ_DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        void awaitAtLeast(int n, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < n) {
                if (System.nanoTime() > deadline) {
                    fail("only " + records.size() + " of " + n + " records committed within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(JSON.readTree(r.value()));
                }
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Everything committed to a topic: reads from the beginning up to the end offsets, which for a
     * read_committed consumer are the last stable offsets (records of open or aborted transactions are
     * never returned, so a missing commit shows as missing records).
     */
    private static List<JsonNode> readCommitted(String topic) throws IOException {
        return readAll(topic, "read_committed");
    }

    private static List<JsonNode> readAll(String topic, String isolation) throws IOException {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, READ_DEADLINE).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, READ_DEADLINE);
            // Nothing may have left the log: an output record stamped with an old event time would be deleted by
            // time-based retention (7 days by default) at the broker's first retention check, 30 s after start.
            assertThat(consumer.beginningOffsets(parts, READ_DEADLINE).values()).as("log start offsets of %s", topic)
                    .containsOnly(0L);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " up to " + end + " within " + READ_DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    /** The Kafka coordinates in a dead letter name the input record it came from. */
    private static void assertPointsAtInputRecord(JsonNode deadLetter, ItScenario.Line line) {
        int i = lines.indexOf(line);
        assertThat(i).isNotNegative();
        RecordMetadata md = produced.get(i);
        assertThat(deadLetter.get("topic").asText()).isEqualTo(INPUT);
        assertThat(deadLetter.get("partition").asInt()).as("partition of %s", deadLetter).isEqualTo(md.partition());
        assertThat(deadLetter.get("offset").asLong()).as("offset of %s", deadLetter).isEqualTo(md.offset());
    }

    private static JsonNode deadLetter(String reason, String monitor) {
        List<JsonNode> found = streamedDeadLetters.stream()
                .filter(d -> d.get("reason").asText().equals(reason) && text(d, "monitor").equals(String.valueOf(monitor)))
                .toList();
        assertThat(found).as("dead letters %s for monitor %s", reason, monitor).hasSize(1);
        return found.get(0);
    }

    private static void assertSameRecords(String what, Map<String, List<JsonNode>> streamed,
                                          Map<String, List<JsonNode>> replayed) {
        assertThat(streamed.keySet()).as("(monitor, key) groups of %s", what)
                .containsExactlyInAnyOrderElementsOf(replayed.keySet());
        for (Map.Entry<String, List<JsonNode>> e : replayed.entrySet()) {
            List<JsonNode> s = streamed.get(e.getKey());
            List<JsonNode> r = e.getValue();
            int n = Math.min(s.size(), r.size());
            for (int i = 0; i < n; i++) {
                if (!s.get(i).equals(r.get(i))) {
                    fail(what + " of " + e.getKey() + " differ at record " + i + " in field(s) "
                            + differingFields(s.get(i), r.get(i)) + "\n streamed: " + s.get(i) + "\n replayed: " + r.get(i));
                }
            }
            assertThat(s.size()).as("number of %s records of %s (streamed vs replayed)", what, e.getKey())
                    .isEqualTo(r.size());
        }
    }

    private static List<String> differingFields(JsonNode a, JsonNode b) {
        Set<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(f -> !String.valueOf(a.get(f)).equals(String.valueOf(b.get(f)))).toList();
    }

    /**
     * Dead letters without where and when they were written, in a canonical order: they come from two
     * operators (the decode operator's side output and the monitor operator, whose outputs wait for the
     * micro-batch), so their relative order on the topic is not defined; what must match is the multiset.
     */
    private static List<JsonNode> withoutOrigin(List<JsonNode> deadLetters) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode d : deadLetters) {
            ObjectNode c = d.deepCopy();
            c.remove(List.of("time", "topic", "partition", "offset"));
            out.add(c);
        }
        out.sort(java.util.Comparator.comparing(JsonNode::toString));
        return out;
    }

    private static Map<String, List<JsonNode>> groupByMonitorAndKey(List<JsonNode> records) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode r : records) {
            out.computeIfAbsent(text(r, "monitor") + "/" + text(r, "key"), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "null" : v.asText();
    }

    /** The witness_ counters this test looks at, summed over their labels of interest. */
    private static Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        CollectorRegistry r = CollectorRegistry.defaultRegistry;
        for (String reason : List.of("LATE", "MALFORMED", "NOT_FINITE", "WRONG_DIMENSION", "DUPLICATE", "MISSING_FIELD")) {
            m.put("dead_letters:" + reason, value(r.getSampleValue("witness_dead_letters_total",
                    new String[] {"reason"}, new String[] {reason})));
        }
        m.put("events_in", value(r.getSampleValue("witness_events_in_total", new String[] {"source"}, new String[] {INPUT})));
        return m;
    }

    private static double value(Double d) {
        return d == null ? 0.0 : d;
    }
}
