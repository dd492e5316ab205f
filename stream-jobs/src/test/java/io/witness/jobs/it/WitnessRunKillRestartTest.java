package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.witness.jobs.cli.WitnessCli;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.flink.RetainedCheckpoints;
import io.witness.jobs.kafka.EmbeddedKafka;

/**
 * {@code witness run}, each time in a JVM of its own, killed with SIGKILL mid-stream and started again with
 * the same command line, against a real broker: every restart must resume by itself from the newest complete
 * checkpoint in its {@code --data-dir}, and in the end the committed ({@code read_committed}) evidence, alerts
 * and dead letters must equal {@code witness replay} of the same input: no model update lost, no output
 * committed twice, the same alert ids.
 *
 * <p>The topic also holds {@link BadRecords}, a corpus of bad records of every kind the pipeline
 * dead-letters, spread through the input; each must give exactly the dead letters it is declared to give,
 * once, across the kills. The config has {@code job.stop-at-latest: true}, so the last run, itself a restore,
 * must end by itself (FLINK-33466).
 *
 * <p><b>Kills on observed progress, not on wall time.</b> A kill scheduled by the clock lands after the end of
 * the input on a fast machine and before anything happened on a loaded one. Here even runs are killed once
 * the consumer group's committed input offsets (what the newest completed checkpoint covers) pass a random
 * share of the input, odd runs once they have written evidence (so the kill may land before their first
 * checkpoint, or between a checkpoint and its commit), each after a further random delay; the input is read
 * at a fixed pace (a broker quota on the runs' consumers, small fetches, a quota window of 1 s so that no
 * burst precedes the pacing), so that a run can never reach the end in that delay. After each kill the test
 * asserts that the kill landed mid-stream: the run was alive and had not finished, and the committed offsets
 * still leave input to the next run.
 */
class WitnessRunKillRestartTest {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(300);
    private static final int PARTITIONS = 2;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static EmbeddedKafka kafka;
    private static ItKafka io;
    private static ItProgress progress;

    @BeforeAll
    static void broker() throws Exception {
        // Kafka measures a client's rate over at least (quota.window.num - 1) windows: with the default 11, a
        // fresh consumer reads 10 s worth of its quota at once, which was most of this test's input
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"), Map.of("quota.window.num", "2", "quota.window.size.seconds", "1"));
        io = new ItKafka(kafka.bootstrapServers());
        progress = new ItProgress(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (progress != null) {
            progress.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void sigkilledRunsResumeByThemselvesAndCommitExactlyWhatReplayGives() throws Exception {
        killAndRestart("kill3", 3, 8_000, 31L, Duration.ofSeconds(20));
    }

    @Test
    @Tag("long")
    void twentySigkillsInARow() throws Exception {
        killAndRestart("kill20", 20, 40_000, 47L, Duration.ofSeconds(100));
    }

    /**
     * @param readTime how long the runs take to read the whole input at the pace the quota sets (a loaded
     *                 machine may be slower; never faster)
     */
    private static void killAndRestart(String name, int kills, int eventsPerKey, long seed, Duration readTime) throws Exception {
        assertThat(kills).as("the last run must be a restore").isPositive();
        Topics t = new Topics(name);
        kafka.createTopics(PARTITIONS, t.in);
        kafka.createTopics(1, t.alerts, t.evidence, t.dead);
        List<BadRecords.Raw> lines = BadRecords.withCorpus(ItScenario.lines(seed, eventsPerKey));
        Path input = tmp.resolve(name + "-events.jsonl");
        long bytes = 0;
        try (OutputStream w = Files.newOutputStream(input)) {
            for (BadRecords.Raw l : lines) {
                bytes += l.value() == null ? 0 : l.value().length;
                if (!l.kafkaOnly()) {
                    w.write(l.value());
                    w.write('\n');
                }
            }
        }
        List<RecordMetadata> placed = io.produceRaw(t.in, lines);
        // every consumer but the test's own: the sources of the runs, one client per partition
        io.limitConsumers(Math.max(1_000, bytes / (PARTITIONS * readTime.toSeconds())));

        String yaml = ItScenario.config(kafka.bootstrapServers(), "witness-" + name, t.in, t.alerts, t.evidence, t.dead)
                .replace("  checkpoint-interval: 1s\n", "  checkpoint-interval: 1s\n  stop-at-latest: true\n  backend: cpu\n"
                        + "  max-record-bytes: " + BadRecords.MAX_RECORD_BYTES + "\n")
                // small fetches, so that the quota paces every fetch (one fetch may otherwise take 1 MiB a partition)
                .replace("kafka:\n", "kafka:\n  properties: {max.partition.fetch.bytes: 8192, fetch.max.bytes: 16384}\n");
        Path config = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
        WitnessConfig parsed = ConfigLoader.parse(yaml);
        String group = parsed.job().consumerGroup();
        ItReplay expected = ItReplay.of(parsed, input);
        Path dataDir = tmp.resolve(name + "-data");
        long inputEnd = progress.end(t.in, IsolationLevel.READ_UNCOMMITTED);
        assertThat(inputEnd).isEqualTo(lines.size());

        Random rnd = new Random(seed);
        int evenKills = (kills + 1) / 2;
        List<String> resumedFrom = new ArrayList<>();
        List<String> fenced = new ArrayList<>();
        StringBuilder timeline = new StringBuilder();
        long started = System.nanoTime();
        for (int k = 0; k < kills; k++) {
            long t0 = System.nanoTime();
            long from = progress.committed(group, t.in);
            long written = progress.end(t.evidence, IsolationLevel.READ_UNCOMMITTED);
            Run run = Run.start(config, dataDir, tmp.resolve(name + "-run" + k));
            String waitedFor;
            if (k % 2 == 0) {
                // a random share of the input, rising from kill to kill, and at least one checkpoint of this run
                long target = Math.max(from + 1, (long) (inputEnd * (k / 2 + 0.3 + 0.4 * rnd.nextDouble()) / (evenKills + 0.5)));
                run.awaitUntil(() -> progress.committed(group, t.in) >= target, "checkpointed input offsets >= " + target);
                waitedFor = String.format("%.0f %% of the input checkpointed", 100.0 * target / inputEnd);
            } else {
                // evidence of its own (the recovery's commit markers alone raise the high watermark by a few)
                run.awaitUntil(() -> progress.end(t.evidence, IsolationLevel.READ_UNCOMMITTED) > written + 50, "evidence written");
                waitedFor = "evidence written";
            }
            long progressed = System.nanoTime();
            Thread.sleep(rnd.nextInt(k % 2 == 0 ? 800 : 1_200));
            assertThat(run.process.isAlive()).as("run %d is still running when it is killed:%n%s", k, run.output()).isTrue();
            run.kill();
            long covered = progress.committed(group, t.in);
            assertThat(run.output()).as("run %d was killed before it finished", k).doesNotContain(" finished:");
            assertThat(covered).as("run %d was killed mid-stream: its checkpoints leave input to the next run", k)
                    .isLessThan(inputEnd);
            resumedFrom.add(run.resumeLine());
            fenced.addAll(run.fencedCommitLines());
            timeline.append(String.format(Locale.ROOT, " run %d: %.1f s to %s, killed %.1f s later with %.0f %% checkpointed;",
                    k, (progressed - t0) / 1e9, waitedFor, (System.nanoTime() - progressed) / 1e9, 100.0 * covered / inputEnd));
        }
        long t0 = System.nanoTime();
        Run last = Run.start(config, dataDir, tmp.resolve(name + "-last"));
        assertThat(last.awaitExit(RUN_DEADLINE)).as("the last run ends by itself (stop-at-latest after a restore); "
                + "its output:%n%s", last.output()).isZero();
        timeline.append(String.format(Locale.ROOT, " last run: %.1f s to its end", (System.nanoTime() - t0) / 1e9));
        fenced.addAll(last.fencedCommitLines());
        double seconds = (System.nanoTime() - started) / 1e9;

        List<JsonNode> evidence = io.readCommitted(t.evidence);
        List<JsonNode> alerts = io.readCommitted(t.alerts);
        List<JsonNode> dead = io.readCommitted(t.dead);
        long corpus = lines.stream().filter(l -> l.expected() != null && !l.expected().isEmpty()).count();
        System.out.printf(Locale.ROOT, "%s: %d SIGKILLs, then a run to the end, in %.1f s (%s); %d records (%d bad ones of "
                + "the corpus, %d bytes, read at <= %d B/s per partition); %d evidence, %d alerts, %d dead letters "
                + "committed; %d fenced re-commits logged; started from: %s; last: %s%n", name, kills, seconds, timeline,
                lines.size(), corpus, bytes, bytes / (PARTITIONS * readTime.toSeconds()), evidence.size(), alerts.size(),
                dead.size(), fenced.size(), resumedFrom, last.resumeLine());

        assertThat(fenced).as("the expected fencing of a previous attempt is not an ERROR")
                .allSatisfy(l -> assertThat(l).contains(" INFO ").contains("[witness: expected"));
        assertThat(last.resumeLine()).as("the last run resumed from a checkpoint by itself").startsWith("witness: resuming from");
        assertThat(last.output()).contains("witness: job ").contains(" finished:");
        assertThat(evidence).as("evidence committed exactly once").hasSameSizeAs(expected.evidence());
        ItKafka.assertSameRecords("evidence", evidence, expected.evidence());
        ItKafka.assertSameRecords("alerts", alerts, expected.alerts());
        assertThat(alerts).as("the dependence was found").isNotEmpty();
        Set<String> ids = new HashSet<>();
        alerts.forEach(a -> assertThat(ids.add(a.get("id").asText() + " " + a.get("state").asText()))
                .as("alert record %s committed once", a).isTrue());

        // every bad record of the corpus: exactly its dead letters, once, whatever the kills did
        Map<String, List<String>> byOrigin = new HashMap<>();
        dead.forEach(d -> byOrigin.computeIfAbsent(d.path("partition").asInt() + "@" + d.path("offset").asLong(),
                x -> new ArrayList<>()).add(d.path("reason").asText()));
        List<String> kafkaOnly = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            BadRecords.Raw l = lines.get(i);
            String origin = placed.get(i).partition() + "@" + placed.get(i).offset();
            if (l.expected() != null) {
                assertThat(byOrigin.getOrDefault(origin, List.of())).as("dead letters of corpus record %d (%s)", i,
                        l.value() == null ? "null" : new String(l.value(), 0, Math.min(80, l.value().length), StandardCharsets.ISO_8859_1))
                        .containsExactlyInAnyOrderElementsOf(l.expected());
            }
            if (l.kafkaOnly()) {
                kafkaOnly.add(origin);
            }
        }
        // the rest as replay gives them (a replay file cannot hold an empty record or a tombstone)
        List<JsonNode> replayable = dead.stream().filter(d -> !kafkaOnly.contains(d.path("partition").asInt() + "@"
                + d.path("offset").asLong())).toList();
        assertThat(deadLetterSummary(replayable)).containsExactlyInAnyOrderElementsOf(deadLetterSummary(expected.deadLetters()));
        assertThat(reasons(dead)).as("dead letters, by reason").isEqualTo(BadRecords.expectedReasons(lines));

        // the finished run left the killed runs' checkpoints behind, none of them resumable any more
        RetainedCheckpoints retained = RetainedCheckpoints.scan(dataDir.resolve("checkpoints").toUri().toString());
        assertThat(retained.all()).as("checkpoints left by the killed runs").isNotEmpty();
        assertThat(retained.newest()).as("nothing to resume from after a run that finished").isEmpty();
    }

    private static List<String> deadLetterSummary(List<JsonNode> dead) {
        return dead.stream().map(d -> d.path("reason").asText() + " " + d.path("monitor").asText("null") + " "
                + d.path("key").asText("null") + " " + d.path("reason_text").asText()).toList();
    }

    private static Map<String, Integer> reasons(List<JsonNode> dead) {
        Map<String, Integer> n = new TreeMap<>();
        dead.forEach(d -> n.merge(d.path("reason").asText(), 1, Integer::sum));
        return n;
    }

    /** One {@code witness run} in a JVM of its own, its stdout and stderr in files. */
    private static final class Run {
        final Process process;
        final Path stdout;
        final Path stderr;

        private Run(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        static Run start(Path config, Path dataDir, Path dir) throws IOException {
            Files.createDirectories(dir.resolve("tmp"));
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx700m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp", System.getProperty("java.class.path"),
                    WitnessCli.class.getName(), "run", "--config", config.toString(), "--data-dir", dataDir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            return new Run(pb.start(), out, err);
        }

        /** A condition the test polls (it reads the broker). */
        interface Check {
            boolean holds() throws Exception;
        }

        /** Polls until the condition holds; fails if the run exits first or the deadline passes. */
        void awaitUntil(Check check, String what) throws Exception {
            long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
            while (!check.holds()) {
                assertThat(process.isAlive()).as("witness run exited before %s:%n%s", what, output()).isTrue();
                assertThat(System.nanoTime()).as("%s within %d s:%n%s", what, RUN_DEADLINE.toSeconds(), output())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        /**
         * SIGKILL of the JVM the user started ({@code destroyForcibly} sends it on Linux; nothing of that JVM runs
         * after it). {@code witness} relaunches itself once with the Vector API module: that child must end too.
         */
        void kill() throws Exception {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            for (ProcessHandle c : children) {
                c.onExit().get(30, TimeUnit.SECONDS);   // fails with a TimeoutException if it outlives its parent
            }
        }

        int awaitExit(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("witness run did not end within " + timeout.toSeconds() + " s:\n" + output());
            }
            return process.exitValue();
        }

        /** The run's line saying where it started from. */
        String resumeLine() throws IOException {
            return output().lines().filter(l -> l.startsWith("witness: resuming from") || l.startsWith("witness: no checkpoint"))
                    .findFirst().orElse("(none)");
        }

        /** A log as text whatever bytes it holds. */
        private static String text(Path f) throws IOException {
            return Files.exists(f) ? new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1) : "";
        }

        /** The Kafka committer's "producer is already fenced" lines of this run. */
        List<String> fencedCommitLines() throws IOException {
            return text(stderr).lines().filter(l -> l.contains("KafkaCommitter") && l.contains("producer is already fenced")).toList();
        }

        String output() throws IOException {
            String o = text(stdout);
            String e = text(stderr);
            return o + (e.isEmpty() ? "" : "\n--- stderr (tail) ---\n" + e.substring(Math.max(0, e.length() - 6000)));
        }
    }

    private record Topics(String name, String in, String alerts, String evidence, String dead) {
        Topics(String name) {
            this(name, name + ".events", name + ".alerts", name + ".evidence", name + ".dead-letters");
        }
    }
}
