package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.HawkesEvents;
import io.witness.jobs.support.HawkesEvents.Ev;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Old savepoints must restore: keyed states written by envelope format version 1 (with an open alert,
 * dedupe fingerprints and a model) are kept as golden files, one with a SKIT model and one with a Hawkes
 * model (typed events). This build must still write them byte for byte — a format change bumps
 * {@link KeyedState#FORMAT_VERSION} and adds a golden file, never replaces one — and restoring each must
 * continue exactly like a run that never stopped: same evidence, same alert ids. The first SKIT file
 * holds a SKIT model of state version 1, which this build reads but no longer writes (it writes version
 * 2, the second SKIT file); the monitor fixes {@code precision: double}, version 1's only precision, so
 * the run that never stopped is the same model. Regenerate only for a new version:
 * {@code -Dwitness.golden.write=src/test/resources/state}.
 */
class KeyedStateCompatibilityTest {

    private static final WitnessConfig CONFIG = TestData.config("  dedupe-window: 4\n",
            TestData.skitMonitor("m", "t", 40, "60s").replace("features: 16,", "features: 16, precision: double,"));
    private static final WitnessConfig HAWKES = TestData.config("  dedupe-window: 4\n",
            "  - id: cascades\n"
                    + "    source: {topic: errors}\n"
                    + "    method: hawkes\n"
                    + "    alpha: 0.01\n"
                    + "    params: {bin: 1s, support: 10s, refit-interval: 2m, half-life: 20m, warmup-refits: 5}\n");
    private static final long HOUR = 3_600_000L;

    @Test
    void version1EnvelopeIsStillWrittenAndRestoresIntoTheSameRun() throws IOException {
        List<Obs> data = TestData.dependentThenIndependent("k", 150, 120, TestData.T0, 3);
        // alert open, a half pair held
        check("keyed-state-skit-v1.b64", "keyed-state-skit-v1-model-v2.b64", CONFIG, data, 121, (run, o) -> run.feed(o));
    }

    @Test
    void version1EnvelopeWithAHawkesModelIsStillWrittenAndRestoresIntoTheSameRun() throws IOException {
        // api errors start triggering db errors after the first hour; the new-edge alert opens at event 1,627
        // (t = 3,819 s) and resolves at 2,419: event 1,700 is inside it, between two refits
        List<Ev> data = HawkesEvents.cluster("cluster-a", TestData.T0, 2 * HOUR, TestData.T0 + HOUR, 1);
        check("keyed-state-hawkes-v1.b64", "keyed-state-hawkes-v1.b64", HAWKES, data, 1700, (run, e) -> run.feed(e.key(), e.type(), e.time()));
    }

    /** Restores {@code file} and continues; this build must write {@code writtenFile} byte for byte. */
    private static <T> void check(String file, String writtenFile, WitnessConfig config, List<T> data, int snapshotAt,
                                  BiConsumer<MonitorRun, T> feed) throws IOException {
        MonitorRun uninterrupted = new MonitorRun(config);
        data.subList(0, snapshotAt).forEach(x -> feed.accept(uninterrupted, x));
        byte[] written = uninterrupted.state.toBytes();
        assertThat(uninterrupted.state.alert().isOpen()).as("the snapshot must hold an open alert").isTrue();

        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, writtenFile), Base64.getMimeEncoder().encodeToString(written) + "\n");
        }
        assertThat(written).as("this build must still write keyed-state format v1 byte for byte: " + writtenFile)
                .isEqualTo(golden(writtenFile));
        byte[] golden = golden(file);

        MonitorRun restored = new MonitorRun(config);
        restored.state = KeyedState.fromBytes(golden, restored.processor.bound().factory(), restored.processor.dedupeWindow());
        restored.offset = snapshotAt;
        int before = uninterrupted.out.evidence.size();
        int alertsBefore = uninterrupted.out.alerts.size();
        data.subList(snapshotAt, data.size()).forEach(x -> feed.accept(uninterrupted, x));
        data.subList(snapshotAt, data.size()).forEach(x -> feed.accept(restored, x));

        assertThat(restored.out.evidence).isEqualTo(uninterrupted.out.evidence.subList(before, uninterrupted.out.evidence.size()));
        assertThat(restored.out.alerts).isEqualTo(uninterrupted.out.alerts.subList(alertsBefore, uninterrupted.out.alerts.size()));
        assertThat(restored.out.alerts).as("the continuation must update or resolve the open alert").isNotEmpty();
        assertThat(restored.state.toBytes()).as("final state after restoring " + file).isEqualTo(uninterrupted.state.toBytes());
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = KeyedStateCompatibilityTest.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("golden state file /state/" + file).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
