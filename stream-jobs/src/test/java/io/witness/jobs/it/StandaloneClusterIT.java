package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.witness.jobs.cluster.ClusterArtifacts;
import io.witness.jobs.cluster.EveryMethodScenario;
import io.witness.jobs.cluster.EveryMethodScenario.Line;
import io.witness.jobs.cluster.FlinkRest;
import io.witness.jobs.cluster.KafkaBrokerMain;
import io.witness.jobs.cluster.StandaloneFlink;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;

/**
 * witness-cluster.jar on a real Flink 2.2.1 standalone session cluster: a JobManager and two TaskManagers
 * (2 slots each), each a JVM of its own on the classpath of Flink's lib/ only ({@link StandaloneFlink}),
 * a Kafka broker in its own JVM, the jar uploaded and run through the REST API as users do, with a
 * monitor of every method and a bandit. Parallelism comes from the submission (2, then 4), not from the
 * config (1). One unbounded job (a bounded source restored from a checkpoint never ends, FLINK-33466):
 * <ol>
 *   <li>the first part of the input: every monitor's evidence arrives (read_committed), both TaskManagers
 *       serve witness_ metrics on one host (port range);</li>
 *   <li>the second part is produced and a TaskManager is killed with SIGKILL: the job restarts from its
 *       latest checkpoint on the remaining one (recovery time printed);</li>
 *   <li>stop-with-savepoint, a third TaskManager, the third part of the input, resubmission from the
 *       savepoint with parallelism 4;</li>
 * </ol>
 * and in the end the committed evidence, alerts and dead letters equal {@code witness replay} of the whole
 * input (nothing lost, nothing twice, the same alert ids), and every decision request has exactly one
 * committed decision.
 */
class StandaloneClusterIT {
    /** Deadlines are generous: they cost nothing when things go well, and the CI machine may be loaded. */
    private static final Duration OUTPUT_DEADLINE = Duration.ofSeconds(240);
    private static final String ENTRY = "io.witness.jobs.ClusterEntryPoint";

    /** Under target/ and not a @TempDir: the JVMs' logs stay for a look after a failure (cleared at the start). */
    private static final Path WORK = Path.of("target", "standalone-cluster-it").toAbsolutePath();

    @Test
    void everyMethodRunsOnAStandaloneClusterAndSurvivesATaskManagerKillAndARescaleExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        Path tmp = WORK;
        if (Files.exists(tmp)) {
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(tmp);
        List<Line> events = EveryMethodScenario.events();
        int cut1 = events.size() * 2 / 5;
        int cut2 = events.size() * 7 / 10;
        int metricsBase = StandaloneFlink.freePort();
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));

        Path ready = tmp.resolve("kafka.ready");
        Process broker = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + javaTmp, "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                tmp.resolve("kafka").toString(), ready.toString(), EveryMethodScenario.INPUT + ":2", EveryMethodScenario.REQUESTS + ":2",
                EveryMethodScenario.FEEDBACK + ":1", EveryMethodScenario.DECISIONS + ":1", EveryMethodScenario.ALERTS + ":1",
                EveryMethodScenario.EVIDENCE + ":1", EveryMethodScenario.DEAD_LETTERS + ":1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("kafka.out").toFile()).start();
        Map<String, String> flinkSettings = Map.of(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.port", (metricsBase + 10) + "-" + (metricsBase + 19));
        try (StandaloneFlink flink = new StandaloneFlink(tmp.resolve("flink"), ClusterArtifacts.flinkLib(), flinkSettings)) {
            try {
                Thread tms = new Thread(() -> {
                    try {
                        flink.startTaskManager("tm-1");
                        flink.startTaskManager("tm-2");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "start-taskmanagers");
                tms.start();
                flink.startJobManager();
                tms.join();
                await("the broker", Duration.ofSeconds(240), () -> Files.exists(ready) || !broker.isAlive());
                assertThat(broker.isAlive()).as("broker JVM (log %s)", tmp.resolve("kafka.out")).isTrue();
                String bootstrap = Files.readString(ready).strip();
                ItKafka kafka = new ItKafka(bootstrap);
                FlinkRest rest = new FlinkRest(flink.restPort);

                // The config says parallelism 1 and a checkpoint every second; the submission says 2.
                Path config = Files.writeString(tmp.resolve("monitors.yaml"), EveryMethodScenario.config(bootstrap,
                        "name: witness-cluster-it, parallelism: 1, checkpoint-interval: 1s, metrics-port: \"" + metricsBase + "-"
                                + (metricsBase + 9) + "\""));
                WitnessConfig wc = ConfigLoader.load(config);
                produce(bootstrap, EveryMethodScenario.INPUT, events.subList(0, cut1));
                produce(bootstrap, EveryMethodScenario.REQUESTS, EveryMethodScenario.requests(0, 12));

                await("two TaskManagers registered", Duration.ofSeconds(240), () -> {
                    flink.assertAlive();
                    return taskManagers(rest) == 2;
                });
                long tUpload = System.nanoTime();
                String jar = rest.upload(ClusterArtifacts.clusterJar());
                String job1 = rest.run(jar, Map.of("entryClass", ENTRY, "programArgsList", List.of("--config", config.toString()),
                        "parallelism", 2));
                awaitRunning(rest, job1, 2);
                System.out.printf("cluster IT: cluster and broker up in %d ms, job %s running %d ms after the upload%n",
                        ms(t0, tUpload), job1, ms(tUpload, System.nanoTime()));

                // 1. Every monitor's evidence arrives; both TaskManagers serve witness_ metrics on one host.
                await("committed evidence of every monitor", OUTPUT_DEADLINE, () -> monitorsWithEvidence(kafka)
                        .containsAll(EveryMethodScenario.MONITORS));
                assertThat(witnessEndpoints(metricsBase)).as("witness_ endpoints on ports %d-%d", metricsBase, metricsBase + 9)
                        .hasSize(2);
                assertThat(flinkReporterAnswers(metricsBase + 10)).as("Flink's own Prometheus reporter beside the job's metrics").isTrue();

                // 2. The second part arrives and a TaskManager dies with SIGKILL while the job works on it.
                Path expected12 = Files.write(tmp.resolve("part12.jsonl"), events.subList(0, cut2).stream().map(Line::json).toList());
                int evidence12 = ItReplay.of(wc, expected12).evidence().size();
                // The bandit's requests and the REST call go first: each produce opens a producer (a second or
                // more on a loaded 2-core machine), and the kill must follow the input at once, or the job may
                // have committed all of part 2 by then (checkpoints every second).
                produce(bootstrap, EveryMethodScenario.REQUESTS, EveryMethodScenario.requests(12, 21));
                long completedBefore = rest.get("/jobs/" + job1 + "/checkpoints").path("counts").path("completed").asLong();
                produce(bootstrap, EveryMethodScenario.INPUT, events.subList(cut1, cut2));
                long tKill = System.nanoTime();
                long killEpochMs = System.currentTimeMillis();
                flink.kill("tm-1");
                int committedAtKill = kafka.readCommitted(EveryMethodScenario.EVIDENCE).size();
                assertThat(committedAtKill).as("evidence committed when tm-1 died: mid-stream, before all of part 2's %d", evidence12)
                        .isLessThan(evidence12);
                await("the job notices the lost TaskManager", Duration.ofSeconds(90), () -> !allRunning(rest, job1));
                long tFailed = System.nanoTime();
                awaitRunning(rest, job1, 2);
                long tRunning = System.nanoTime();
                await("a checkpoint completed after the kill", Duration.ofSeconds(120), () -> rest.get("/jobs/" + job1 + "/checkpoints")
                        .path("latest").path("completed").path("latest_ack_timestamp").asLong(0) > killEpochMs);
                long tCheckpoint = System.nanoTime();
                JsonNode restored = rest.get("/jobs/" + job1 + "/checkpoints").path("latest").path("restored");
                System.out.printf("cluster IT: TaskManager tm-1 killed (SIGKILL) after %d completed checkpoints, %d of %d evidence records "
                                + "committed; failure noticed after %d ms, "
                                + "every task running again on tm-2 after %d ms (restored checkpoint %s), first checkpoint after the kill "
                                + "completed after %d ms%n", completedBefore, committedAtKill, evidence12, ms(tKill, tFailed), ms(tKill, tRunning),
                        restored.path("id").asText("?"), ms(tKill, tCheckpoint));
                assertThat(restored.path("id").asLong(-1)).as("the job restarted from a checkpoint").isPositive();

                // 3. Stop with a savepoint, a third TaskManager (4 slots in all), the last part, resubmit with parallelism 4.
                await("the evidence of the first two parts", OUTPUT_DEADLINE,
                        () -> kafka.readCommitted(EveryMethodScenario.EVIDENCE).size() >= evidence12);
                String request = rest.post("/jobs/" + job1 + "/stop", Map.of("targetDirectory", tmp.resolve("flink/savepoints").toUri()
                        .toString(), "drain", false)).get("request-id").asText();
                String[] savepoint = new String[1];
                await("the savepoint", Duration.ofSeconds(180), () -> {
                    JsonNode s = rest.get("/jobs/" + job1 + "/savepoints/" + request);
                    savepoint[0] = s.path("operation").path("location").asText(null);
                    if (s.path("operation").has("failure-cause")) {
                        fail("stop-with-savepoint failed: " + s);
                    }
                    return s.path("status").path("id").asText().equals("COMPLETED");
                });
                await("job 1 finished", Duration.ofSeconds(120),
                        () -> rest.get("/jobs/" + job1).path("state").asText().equals("FINISHED"));
                flink.startTaskManager("tm-3");
                produce(bootstrap, EveryMethodScenario.INPUT, events.subList(cut2, events.size()));
                produce(bootstrap, EveryMethodScenario.REQUESTS, EveryMethodScenario.requests(21, 30));
                await("two TaskManagers registered again", Duration.ofSeconds(240), () -> {
                    flink.assertAlive();
                    return taskManagers(rest) == 2;
                });
                String job2 = rest.run(jar, Map.of("entryClass", ENTRY, "programArgsList", List.of("--config", config.toString()),
                        "parallelism", 4, "savepointPath", savepoint[0]));
                awaitRunning(rest, job2, 4);
                System.out.printf("cluster IT: stopped with savepoint %s; job %s running with parallelism 4%n", savepoint[0], job2);

                // In the end: the committed outputs equal replay of the whole input.
                Path all = Files.write(tmp.resolve("events.jsonl"), events.stream().map(Line::json).toList());
                ItReplay expected = ItReplay.of(wc, all);
                await("every output of the whole input", OUTPUT_DEADLINE,
                        () -> kafka.readCommitted(EveryMethodScenario.EVIDENCE).size() >= expected.evidence().size()
                                && kafka.readCommitted(EveryMethodScenario.DECISIONS).size() >= 90);
                long checkpoints = rest.get("/jobs/" + job2 + "/checkpoints").path("counts").path("completed").asLong();
                await("one more checkpoint (a record written twice would show now)", Duration.ofSeconds(90),
                        () -> rest.get("/jobs/" + job2 + "/checkpoints").path("counts").path("completed").asLong() > checkpoints + 1);
                assertThat(witnessEndpoints(metricsBase)).as("witness_ endpoints after the resubmission").hasSize(2);
                rest.cancel(job2);

                List<JsonNode> evidence = kafka.readCommitted(EveryMethodScenario.EVIDENCE);
                List<JsonNode> alerts = kafka.readCommitted(EveryMethodScenario.ALERTS);
                List<JsonNode> dead = kafka.readCommitted(EveryMethodScenario.DEAD_LETTERS);
                List<JsonNode> decisions = kafka.readCommitted(EveryMethodScenario.DECISIONS);
                System.out.printf("cluster IT: committed %d evidence, %d alerts, %d dead letters, %d decisions; replay %d / %d / %d; "
                                + "evidence per monitor %s; total %d ms%n", evidence.size(), alerts.size(), dead.size(), decisions.size(),
                        expected.evidence().size(), expected.alerts().size(), expected.deadLetters().size(), perMonitor(evidence), ms(t0, System.nanoTime()));
                ItKafka.assertSameRecords("evidence", evidence, expected.evidence());
                ItKafka.assertSameRecords("alerts", alerts, expected.alerts());
                assertThat(withoutOrigin(dead)).as("dead letters").containsExactlyElementsOf(withoutOrigin(expected.deadLetters()));
                assertThat(alerts.stream().filter(a -> a.get("state").asText().equals("OPEN")).map(a -> a.get("id").asText())
                        .collect(Collectors.groupingBy(id -> id, Collectors.counting())).values()).as("OPEN records per alert id").containsOnly(1L);
                Map<String, Long> perRequest = decisions.stream()
                        .collect(Collectors.groupingBy(d -> d.get("request_id").asText(), TreeMap::new, Collectors.counting()));
                assertThat(perRequest).as("decisions per request").hasSize(90);
                assertThat(perRequest.values()).as("decisions per request").containsOnly(1L);
                // the cluster logs with deploy/flink/log4j-console.properties: a restore's expected fencing is no ERROR
                for (String process : List.of("tm-1", "tm-2", "tm-3")) {
                    if (Files.exists(flink.log(process))) {
                        assertThat(Files.readAllLines(flink.log(process), java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                                .filter(l -> l.contains("producer is already fenced")).toList())
                                .as("fenced re-commits logged by %s", process)
                                .allSatisfy(l -> assertThat(l).contains(" INFO ").contains("[witness: expected"));
                    }
                }
            } finally {
                broker.getOutputStream().close();
                if (!broker.waitFor(20, TimeUnit.SECONDS)) {
                    broker.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            broker.destroyForcibly();
        }
    }

    /** Dead letters without what differs by nature between a topic and a file: the wall-clock time and the origin. */
    private static List<String> withoutOrigin(List<JsonNode> deadLetters) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : deadLetters) {
            ObjectNode c = d.deepCopy();
            c.remove(List.of("time", "topic", "partition", "offset"));
            out.add(c.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static TreeSet<String> monitorsWithEvidence(ItKafka kafka) throws IOException {
        return kafka.readCommitted(EveryMethodScenario.EVIDENCE).stream().map(e -> e.get("monitor").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Long> perMonitor(List<JsonNode> evidence) {
        return evidence.stream().collect(Collectors.groupingBy(e -> e.get("monitor").asText(), TreeMap::new, Collectors.counting()));
    }

    private static void produce(String bootstrap, String topic, List<Line> lines) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (Line l : lines) {
                p.send(new ProducerRecord<>(topic, l.kafkaKey(), l.json()));
            }
            p.flush();
        }
    }

    private static int taskManagers(FlinkRest rest) {
        try {
            return rest.get("/taskmanagers").path("taskmanagers").size();
        } catch (Exception e) {
            return -1;   // the REST endpoint is not up yet
        }
    }

    private static boolean allRunning(FlinkRest rest, String job) throws Exception {
        JsonNode j = rest.get("/jobs/" + job);
        if (!j.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            if (!v.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    private static void awaitRunning(FlinkRest rest, String job, int parallelism) throws Exception {
        await("job " + job + " running", Duration.ofSeconds(240), () -> {
            JsonNode j = rest.get("/jobs/" + job);
            if (j.path("state").asText().matches("FAILED|CANCELED")) {
                fail("job " + job + " " + j.path("state").asText() + ": " + rest.get("/jobs/" + job + "/exceptions"));
            }
            return allRunning(rest, job);
        });
        for (JsonNode v : rest.get("/jobs/" + job).path("vertices")) {
            assertThat(v.path("parallelism").asInt()).as("parallelism of %s (from the submission, not the config's 1)",
                    v.path("name").asText()).isEqualTo(parallelism);
        }
    }

    /** The ports of the range that serve witness_ metrics. */
    private static List<Integer> witnessEndpoints(int base) {
        List<Integer> out = new ArrayList<>();
        for (int port = base; port < base + 10; port++) {
            String body = scrape(port);
            if (body != null && body.contains("witness_events_in_total")) {
                out.add(port);
            }
        }
        return out;
    }

    private static boolean flinkReporterAnswers(int base) {
        for (int port = base; port < base + 10; port++) {
            String body = scrape(port);
            if (body != null && body.contains("flink_taskmanager_")) {
                return true;
            }
        }
        return false;
    }

    private static String scrape(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private interface Check {
        boolean met() throws Exception;
    }

    private static void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.met()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static long ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
