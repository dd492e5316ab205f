package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Old savepoints must restore: a keyed state written by envelope format version 1 (with an open alert,
 * dedupe fingerprints and a SKIT model) is kept as a golden file. This build must still write it byte for
 * byte — a format change bumps {@link KeyedState#FORMAT_VERSION} and adds a golden file, never replaces
 * one — and restoring it must continue exactly like a run that never stopped: same evidence, same alert
 * ids. Regenerate only for a new version: {@code -Dwitness.golden.write=src/test/resources/state}.
 */
class KeyedStateCompatibilityTest {

    private static final WitnessConfig CONFIG = TestData.config("  dedupe-window: 4\n",
            TestData.skitMonitor("m", "t", 40, "60s"));
    private static final String FILE = "keyed-state-skit-v1.b64";

    @Test
    void version1EnvelopeIsStillWrittenAndRestoresIntoTheSameRun() throws IOException {
        List<Obs> data = TestData.dependentThenIndependent("k", 150, 120, TestData.T0, 3);
        int snapshotAt = 121;   // alert open, a half pair held
        MonitorRun uninterrupted = new MonitorRun(CONFIG);
        uninterrupted.feedAll(data.subList(0, snapshotAt));
        byte[] written = uninterrupted.state.toBytes();
        assertThat(uninterrupted.state.alert().isOpen()).as("the snapshot must hold an open alert").isTrue();

        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, FILE), Base64.getMimeEncoder().encodeToString(written) + "\n");
        }
        byte[] golden = golden();
        assertThat(written).as("this build must still write keyed-state format v1 byte for byte").isEqualTo(golden);

        MonitorRun restored = new MonitorRun(CONFIG);
        restored.state = KeyedState.fromBytes(golden, restored.processor.bound().factory(), restored.processor.dedupeWindow());
        restored.offset = snapshotAt;
        int before = uninterrupted.out.evidence.size();
        int alertsBefore = uninterrupted.out.alerts.size();
        uninterrupted.feedAll(data.subList(snapshotAt, data.size()));
        restored.feedAll(data.subList(snapshotAt, data.size()));

        assertThat(restored.out.evidence).isEqualTo(uninterrupted.out.evidence.subList(before, uninterrupted.out.evidence.size()));
        assertThat(restored.out.alerts).isEqualTo(uninterrupted.out.alerts.subList(alertsBefore, uninterrupted.out.alerts.size()));
        assertThat(restored.out.alerts).as("the continuation must update or resolve the open alert").isNotEmpty();
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = KeyedStateCompatibilityTest.class.getResourceAsStream("/state/" + FILE)) {
            assertThat(in).as("golden state file /state/" + FILE).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
