package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.witness.jobs.cli.LocalJob;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.StateShapeException;
import io.witness.jobs.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State that says what wrote it, end to end on a real broker and a MiniCluster with RocksDB: a job with
 * two SKIT monitors (dep, ctl; {@code bettor: ons}) runs over the first half of the input and leaves a
 * retained checkpoint; the configuration then changes dep's bettor to {@code agrapa}.
 * <ul>
 * <li>restoring without a reset fails at start-up, once (no restarts), with one line naming the monitor
 *     and the parameter;</li>
 * <li>restoring with {@code --reset-state dep} starts dep fresh and lets ctl keep its state: the committed
 *     evidence and alerts equal replays of exactly that (ctl over all the input with ons; dep over the
 *     first half with ons, then over the second half alone with agrapa).</li>
 * </ul>
 */
class StateShapeRestoreIntegrationTest {
    private static final long SEED = 33L;
    private static final int EVENTS_PER_KEY = 600;
    private static final int SPLIT_INDEX = 300;

    @TempDir
    static Path tmp;

    private static String previousTmpDir;
    private static EmbeddedKafka kafka;
    private static ItKafka io;

    @BeforeAll
    static void broker() throws Exception {
        previousTmpDir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        io = new ItKafka(kafka.bootstrapServers());
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
    void aChangedBettorIsRefusedInOneLineAndTheResetSwitchStartsOnlyThatMonitorFresh() throws Exception {
        String in = "shape.events";
        String alerts = "shape.alerts";
        String evidence = "shape.evidence";
        String dead = "shape.dead-letters";
        kafka.createTopics(2, in);
        kafka.createTopics(1, alerts, evidence, dead);
        String yaml = ItScenario.config(kafka.bootstrapServers(), "witness-it-shape", in, alerts, evidence, dead);
        WitnessConfig ons = ConfigLoader.parse(yaml);
        // only dep's bettor changes (ctl is declared after dep: the first 'bettor: ons' is dep's)
        WitnessConfig agrapa = ConfigLoader.parse(yaml.replaceFirst("bettor: ons", "bettor: agrapa"));
        assertThat(agrapa.monitor("ctl").params()).isEqualTo(ons.monitor("ctl").params());

        List<ItScenario.Line> lines = ItScenario.lines(SEED, EVENTS_PER_KEY);
        long splitAt = ItScenario.time(SPLIT_INDEX);
        List<ItScenario.Line> before = lines.stream().filter(l -> ItScenario.timeOf(l) < splitAt).toList();
        List<ItScenario.Line> rest = lines.stream().filter(l -> ItScenario.timeOf(l) >= splitAt).toList();
        ItReplay onsBefore = ItReplay.of(ons, ItReplay.write(tmp.resolve("before.jsonl"), before));

        // run 1: ons over the first half, until all its evidence is committed (a checkpoint holds all of it)
        io.produce(in, before);
        Path run1 = tmp.resolve("run1");
        JobClient job1 = LocalJob.start(ons, run1, null);
        try {
            io.awaitAtLeast(evidence, "read_committed", onsBefore.evidence().size(), Duration.ofSeconds(120));
        } finally {
            ItKafka.cancel(job1);
        }
        Path checkpoint = ItKafka.latestCheckpoint(run1.resolve("checkpoints").resolve(job1.getJobID().toString()));

        // run 2: agrapa without a reset: refused at start-up, in one line, without restarts
        long t0 = System.nanoTime();
        JobClient job2 = LocalJob.start(agrapa, tmp.resolve("run2"), checkpoint.toString());
        String refusal = null;
        try {
            job2.getJobExecutionResult().get(120, TimeUnit.SECONDS);
            fail("the job with a changed bettor started from the old state");
        } catch (ExecutionException e) {
            refusal = stateShapeMessage(e);
        }
        System.out.printf("refused %.1f s after submission: %s%n", (System.nanoTime() - t0) / 1e9, refusal);
        assertThat(refusal).isEqualTo("monitor 'dep': state-shaping parameter 'bettor' changed (ons -> agrapa) since "
                + "its state was written; restore with the configuration that wrote it, or start this monitor's state "
                + "fresh with 'reset-state: true' on the monitor (or --reset-state dep)");
        assertThat(io.readCommitted(evidence)).as("nothing written by the refused job").hasSameSizeAs(onsBefore.evidence());

        // run 3: agrapa with the reset switch on dep: dep starts fresh, ctl keeps its state
        io.produce(in, rest);
        ItReplay onsAll = ItReplay.of(ons, ItReplay.write(tmp.resolve("all.jsonl"), lines));
        ItReplay agrapaRest = ItReplay.of(agrapa, ItReplay.write(tmp.resolve("rest.jsonl"), rest));
        List<JsonNode> expectedEvidence = new ArrayList<>(of("ctl", onsAll.evidence()));
        expectedEvidence.addAll(of("dep", onsBefore.evidence()));
        expectedEvidence.addAll(of("dep", agrapaRest.evidence()));
        List<JsonNode> expectedAlerts = new ArrayList<>(of("ctl", onsAll.alerts()));
        expectedAlerts.addAll(of("dep", onsBefore.alerts()));
        expectedAlerts.addAll(of("dep", agrapaRest.alerts()));

        JobClient job3 = LocalJob.start(agrapa.withResetState(Set.of("dep")), tmp.resolve("run3"), checkpoint.toString());
        try {
            io.awaitAtLeast(evidence, "read_committed", expectedEvidence.size(), Duration.ofSeconds(120));
        } finally {
            ItKafka.cancel(job3);
        }
        List<JsonNode> gotEvidence = io.readCommitted(evidence);
        List<JsonNode> gotAlerts = io.readCommitted(alerts);
        System.out.printf("after the reset: %d evidence, %d alerts committed (dep fresh with agrapa, ctl continued)%n",
                gotEvidence.size(), gotAlerts.size());
        ItKafka.assertSameRecords("evidence", gotEvidence, expectedEvidence);
        ItKafka.assertSameRecords("alerts", gotAlerts, expectedAlerts);
        assertThat(of("dep", agrapaRest.alerts())).as("the fresh agrapa monitor finds the dependence").isNotEmpty();
        // ctl kept its state: its evidence counts on from the first half instead of restarting at n = 1
        JsonNode firstCtlAfterSplit = of("ctl", gotEvidence).stream()
                .filter(e -> e.path("key").asText().equals(ItScenario.IND_KEY_1) && e.path("time").asLong() >= splitAt)
                .findFirst().orElseThrow();
        assertThat(firstCtlAfterSplit.path("n").asLong()).isGreaterThan(SPLIT_INDEX / 4);
    }

    /** The one-line message of the refusal among a job failure's causes (the client sees it serialised). */
    private static String stateShapeMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StateShapeException
                    || t instanceof SerializedThrowable s && StateShapeException.class.getName().equals(s.getOriginalErrorClassName())) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no state-shape refusal in the failure", e);
    }

    private static List<JsonNode> of(String monitor, List<JsonNode> records) {
        return records.stream().filter(r -> r.path("monitor").asText().equals(monitor)).toList();
    }

}
