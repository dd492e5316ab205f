package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.flink.LegacyMonitorJob;
import io.witness.jobs.kafka.EmbeddedKafka;

/**
 * Exactly-once with micro-batching, on a real broker and a MiniCluster with RocksDB: a job is cancelled
 * mid-stream, restarted from its latest checkpoint and left to finish; read_committed consumers must see
 * every evidence, alert and dead letter exactly once — what a replay of the same events gives.
 *
 * <ul>
 * <li>The batching operator with B = 100 000 and T = 30 s, checkpoints every second: every batch is cut
 *     by a checkpoint barrier (observations are always buffered when one arrives), so this is the case
 *     that loses or repeats observations if the flush before the barrier is wrong.</li>
 * <li>The state written by the operator before micro-batching (a {@code KeyedProcessFunction}, same
 *     uid and state) restores into the batching operator.</li>
 * <li>The keyed-state cache ({@code job.state-cache}): the two cases above run with the default
 *     ({@code auto}, every key stays in heap, so keyed state is written only by the flush of changed
 *     cached states before each barrier — without it the restored state would be that of the first
 *     eviction-free run, i.e. none, and the operator's snapshot check fails the job); a third runs with a
 *     budget of about two SKIT states per subtask for three keys, so states are also written on eviction
 *     and read back while the job runs.</li>
 * </ul>
 */
class MicroBatchRestartIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 21L;
    private static final int EVENTS_PER_KEY = 700;

    @TempDir
    static Path tmp;

    private static String previousTmpDir;
    private static EmbeddedKafka kafka;
    private static ItKafka io;
    private static List<ItScenario.Line> lines;
    private static Path replayInput;

    @BeforeAll
    static void broker() throws Exception {
        previousTmpDir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        io = new ItKafka(kafka.bootstrapServers());
        lines = ItScenario.lines(SEED, EVENTS_PER_KEY);
        replayInput = tmp.resolve("events.jsonl");
        ItReplay.write(replayInput, lines);
    }

    @AfterAll
    static void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            System.setProperty("java.io.tmpdir", previousTmpDir);
        }
    }

    @Test
    void checkpointsTakenWhileObservationsAreBufferedLoseAndDuplicateNothingAcrossARestart() throws Exception {
        Topics t = new Topics("batched");
        WitnessConfig config = batched(t);
        double checkpointFlushes = flushes("checkpoint");
        double otherFlushes = flushes("size") + flushes("delay");
        restartAndCompare(t, config, dir -> LocalJob.start(config, dir, null));
        assertThat(flushes("checkpoint") - checkpointFlushes)
                .as("batches cut by a checkpoint barrier (observations were buffered when it came)").isGreaterThan(3);
        assertThat(flushes("size") + flushes("delay") - otherFlushes)
                .as("no batch reached 100 000 items or waited 30 s").isZero();
    }

    @Test
    void aCacheSmallerThanTheKeysWritesOnEvictionAndLosesNothingAcrossARestart() throws Exception {
        Topics t = new Topics("small-cache");
        WitnessConfig config = batched(t, "40kb");
        double evictions = evictions();
        double misses = cacheLookups("miss");
        restartAndCompare(t, config, dir -> LocalJob.start(config, dir, null));
        assertThat(evictions() - evictions).as("states evicted from the 40 kB caches (~17 kB each: D = 32, float means)").isGreaterThan(10);
        assertThat(cacheLookups("miss") - misses).as("evicted states read back from RocksDB").isGreaterThan(10);
    }

    @Test
    void aCheckpointOfTheOperatorBeforeMicroBatchingRestoresIntoTheBatchingOperator() throws Exception {
        Topics t = new Topics("legacy");
        WitnessConfig config = batched(t);
        // run 1: the job as deployed before micro-batching; run 2: the batching operator from its checkpoint
        restartAndCompare(t, config, dir -> LegacyMonitorJob.start(config, dir));
    }

    private interface FirstRun {
        JobClient start(Path dir) throws Exception;
    }

    /**
     * Produces the events before the change point, starts run 1, produces the rest at a steady pace, cancels
     * run 1 once evidence of the paced part has been written (usually between an output and its commit),
     * restarts the batching job from run 1's latest checkpoint and waits until all the evidence is committed.
     */
    private static void restartAndCompare(Topics t, WitnessConfig config, FirstRun first) throws Exception {
        ItReplay expected = ItReplay.of(config, replayInput);
        long splitAt = ItScenario.changeTime();
        List<ItScenario.Line> before = lines.stream().filter(l -> ItScenario.timeOf(l) < splitAt).toList();
        List<ItScenario.Line> rest = lines.stream().filter(l -> ItScenario.timeOf(l) >= splitAt).toList();
        io.produce(t.in, before);

        Path run1 = tmp.resolve(t.name + "-run1");
        JobClient job1 = first.start(run1);
        List<Exception> producerFailures = new ArrayList<>();
        Thread pacer;
        try {
            io.awaitAtLeast(t.evidence, "read_committed", 1, Duration.ofSeconds(90));   // a checkpoint completed
            pacer = io.producePaced(t.in, rest, producerFailures);
            // evidence of the paced events is being written: cut run 1 there
            io.awaitAtLeast(t.evidence, "read_uncommitted", expected.evidence().size() * 3 / 4, Duration.ofSeconds(90));
        } finally {
            ItKafka.cancel(job1);
        }
        pacer.join(60_000);
        assertThat(producerFailures).isEmpty();
        int committedAtCancel = io.readCommitted(t.evidence).size();
        Path checkpoint = ItKafka.latestCheckpoint(run1.resolve("checkpoints").resolve(job1.getJobID().toString()));

        JobClient job2 = LocalJob.start(config, tmp.resolve(t.name + "-run2"), checkpoint.toString());
        try {
            io.awaitAtLeast(t.evidence, "read_committed", expected.evidence().size(), Duration.ofSeconds(120));
        } finally {
            ItKafka.cancel(job2);
        }
        List<JsonNode> evidence = io.readCommitted(t.evidence);
        List<JsonNode> alerts = io.readCommitted(t.alerts);
        List<JsonNode> dead = io.readCommitted(t.dead);
        System.out.printf("%s: %d evidence committed when run 1 was cancelled; resumed from %s; in the end %d evidence, "
                + "%d alerts, %d dead letters%n", t.name, committedAtCancel, checkpoint, evidence.size(), alerts.size(),
                dead.size());
        assertThat(committedAtCancel).as("run 1 was cut before the end").isLessThan(expected.evidence().size());
        assertThat(evidence).hasSameSizeAs(expected.evidence());
        ItKafka.assertSameRecords("evidence", evidence, expected.evidence());
        ItKafka.assertSameRecords("alerts", alerts, expected.alerts());
        Set<String> ids = new HashSet<>();
        alerts.forEach(a -> assertThat(ids.add(a.get("id").asText() + " " + a.get("state").asText()))
                .as("alert record %s seen once", a).isTrue());
        assertThat(alerts).as("the dependence was found").isNotEmpty();
        assertThat(deadLetterSummary(dead)).containsExactlyInAnyOrderElementsOf(deadLetterSummary(expected.deadLetters()));
    }

    /** The scenario's config with micro-batches cut only by checkpoints (every second), default state cache. */
    private static WitnessConfig batched(Topics t) {
        WitnessConfig c = batched(t, "auto");
        assertThat(c.job().compute().stateCacheBytes()).as("the default cache").isEqualTo(-1);
        return c;
    }

    private static WitnessConfig batched(Topics t, String stateCache) {
        String yaml = ItScenario.config(kafka.bootstrapServers(), "witness-it-" + t.name, t.in, t.alerts, t.evidence, t.dead)
                .replace("  checkpoint-interval: 1s\n", "  checkpoint-interval: 1s\n  batch: {max-items: 100000, max-delay: 30s}\n"
                        + "  backend: cpu\n  state-cache: " + stateCache + "\n");
        WitnessConfig c = ConfigLoader.parse(yaml);
        assertThat(c.job().compute().batchMaxItems()).isEqualTo(100_000);
        kafka.createTopics(2, t.in);
        kafka.createTopics(1, t.alerts, t.evidence, t.dead);
        return c;
    }

    private static double evictions() {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_state_cache_evictions_total");
        return v == null ? 0 : v;
    }

    private static double cacheLookups(String result) {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_state_cache_lookups_total",
                new String[] {"result"}, new String[] {result});
        return v == null ? 0 : v;
    }

    private static List<String> deadLetterSummary(List<JsonNode> dead) {
        return dead.stream().map(d -> d.path("reason").asText() + " " + d.path("monitor").asText("null") + " "
                + d.path("key").asText("null") + " " + d.path("reason_text").asText()).toList();
    }

    private static double flushes(String trigger) {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_batch_flushes_total",
                new String[] {"trigger"}, new String[] {trigger});
        return v == null ? 0.0 : v;
    }

    private record Topics(String name, String in, String alerts, String evidence, String dead) {
        Topics(String name) {
            this(name, "mb." + name + ".events", "mb." + name + ".alerts", "mb." + name + ".evidence",
                    "mb." + name + ".dead-letters");
        }
    }
}
