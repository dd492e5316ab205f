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
 * Old savepoints must restore: keyed states (with an open alert, dedupe fingerprints and a model) are
 * kept as golden files per envelope version, one with a SKIT model and one with a Hawkes model (typed
 * events). This build must write the current version ({@link KeyedState#FORMAT_VERSION}) byte for byte
 * — a format change bumps the version and adds golden files, never replaces one — and restoring every
 * version's file must continue exactly like a run that never stopped: same evidence, same alert ids.
 * Version 1 (no method id, no shape digest) is version 2 without bytes 1–9, which is checked too. The
 * version-1 SKIT file holds a SKIT model of state version 1, which this build reads but no longer writes
 * (it writes model version 2: {@code keyed-state-skit-v1-model-v2.b64} is its version-1 envelope); the
 * monitor fixes {@code precision: double}, model version 1's only precision, so the run that never
 * stopped is the same model.
 * Write the current version's files only for a new version: {@code -Dwitness.golden.write=src/test/resources/state}.
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

    private static final List<Obs> SKIT_DATA = TestData.dependentThenIndependent("k", 150, 120, TestData.T0, 3);
    // api errors start triggering db errors after the first hour; the new-edge alert opens at event 1,627
    // (t = 3,819 s) and resolves at 2,419: event 1,700 is inside it, between two refits
    private static final List<Ev> HAWKES_DATA = HawkesEvents.cluster("cluster-a", TestData.T0, 2 * HOUR, TestData.T0 + HOUR, 1);

    @Test
    void version2EnvelopeIsWrittenByteForByteAndRestoresIntoTheSameRun() throws IOException {
        // alert open, a half pair held
        check("keyed-state-skit-v2.b64", "keyed-state-skit-v2.b64", 2, CONFIG, SKIT_DATA, 121, (run, o) -> run.feed(o));
    }

    @Test
    void version2EnvelopeWithAHawkesModelIsWrittenByteForByteAndRestoresIntoTheSameRun() throws IOException {
        check("keyed-state-hawkes-v2.b64", "keyed-state-hawkes-v2.b64", 2, HAWKES, HAWKES_DATA, 1700,
                (run, e) -> run.feed(e.key(), e.type(), e.time()));
    }

    @Test
    void version1EnvelopeStillRestoresIntoTheSameRun() throws IOException {
        check("keyed-state-skit-v1.b64", "keyed-state-skit-v1-model-v2.b64", 1, CONFIG, SKIT_DATA, 121, (run, o) -> run.feed(o));
    }

    @Test
    void version1EnvelopeWithAHawkesModelStillRestoresIntoTheSameRun() throws IOException {
        check("keyed-state-hawkes-v1.b64", "keyed-state-hawkes-v1-model-v2.b64", 1, HAWKES, HAWKES_DATA, 1700,
                (run, e) -> run.feed(e.key(), e.type(), e.time()));
    }

    /**
     * Restores {@code file} (envelope {@code version}) and continues; what this build writes at the
     * snapshot must be {@code writtenFile} byte for byte (for version 1: once its stamp is taken out).
     */
    private static <T> void check(String file, String writtenFile, int version, WitnessConfig config, List<T> data,
                                  int snapshotAt, BiConsumer<MonitorRun, T> feed) throws IOException {
        MonitorRun uninterrupted = new MonitorRun(config);
        data.subList(0, snapshotAt).forEach(x -> feed.accept(uninterrupted, x));
        byte[] written = uninterrupted.bytes();
        assertThat(uninterrupted.state.alert().isOpen()).as("the snapshot must hold an open alert").isTrue();

        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            byte[] asWritten = version == KeyedState.FORMAT_VERSION ? written : LegacyEnvelope.v1(written);
            Files.writeString(Path.of(writeTo, writtenFile), Base64.getMimeEncoder().encodeToString(asWritten) + "\n");
        }
        byte[] golden = golden(file);
        assertThat(golden[0]).as("version byte of " + file).isEqualTo((byte) version);
        if (version == KeyedState.FORMAT_VERSION) {
            assertThat(written).as("this build must write keyed-state format v" + version + " byte for byte: " + writtenFile)
                    .isEqualTo(golden(writtenFile));
        } else {
            assertThat(LegacyEnvelope.v1(written)).as("v1 is v2 without its stamp: " + writtenFile).isEqualTo(golden(writtenFile));
        }

        MonitorRun restored = new MonitorRun(config);
        restored.state = restored.processor.restore(golden);
        restored.offset = snapshotAt;
        int before = uninterrupted.out.evidence.size();
        int alertsBefore = uninterrupted.out.alerts.size();
        data.subList(snapshotAt, data.size()).forEach(x -> feed.accept(uninterrupted, x));
        data.subList(snapshotAt, data.size()).forEach(x -> feed.accept(restored, x));

        assertThat(restored.out.evidence).isEqualTo(uninterrupted.out.evidence.subList(before, uninterrupted.out.evidence.size()));
        assertThat(restored.out.alerts).isEqualTo(uninterrupted.out.alerts.subList(alertsBefore, uninterrupted.out.alerts.size()));
        assertThat(restored.out.alerts).as("the continuation must update or resolve the open alert").isNotEmpty();
        assertThat(restored.bytes()).as("final state after restoring " + file).isEqualTo(uninterrupted.bytes());
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = KeyedStateCompatibilityTest.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("golden state file /state/" + file).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
