package io.witness.operators.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The golden-state check every method's {@code *StateCompatibilityTest} shares: a state written by an old
 * format version is kept as a golden file ({@code src/test/resources/state/*-v1.b64}, base64 of the exact
 * bytes). From the same seeded inputs this build must (1) still write those bytes — a format change bumps
 * the method's version and adds golden files next to these, never replaces them — and (2) restore them
 * into a model that continues exactly like one that never stopped: every step equal, and the final state
 * equal byte for byte.
 *
 * <p>Regenerate only for a new version: {@code -Dwitness.golden.write=src/test/resources/state} (run in
 * {@code operators/}) writes the files of the current version.
 */
public final class GoldenState {

    private GoldenState() {
    }

    /** One observation as the streaming layer hands it over ({@code type} null for untyped methods). */
    public record Input(long time, String type, double[] values) {
    }

    /**
     * Feeds {@code inputs[0, snapshotAt)}, checks the written state against {@code file}, restores the golden
     * bytes and runs both to the end of {@code inputs}.
     *
     * @return the steps after the snapshot (equal for both; {@code null} where an input completed none),
     *         for the caller to check that the continuation exercised what the golden state holds
     */
    public static List<Step> assertWrittenAndContinues(String file, MonitorFactory factory, List<Input> inputs,
                                                       int snapshotAt) throws IOException {
        Model uninterrupted = factory.create();
        for (int i = 0; i < snapshotAt; i++) {
            feed(uninterrupted, inputs.get(i));
        }
        byte[] written = write(uninterrupted);
        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, file), Base64.getMimeEncoder().encodeToString(written) + "\n");
        }
        byte[] golden = read(file);
        assertThat(written).as("this build must still write %s byte for byte", file).isEqualTo(golden);

        Model restored = factory.restore(new StateInput(golden));
        assertThat(write(restored)).as("%s restored and written again", file).isEqualTo(golden);
        List<Step> expected = new ArrayList<>();
        List<Step> actual = new ArrayList<>();
        for (int i = snapshotAt; i < inputs.size(); i++) {
            expected.add(feed(uninterrupted, inputs.get(i)));
            actual.add(feed(restored, inputs.get(i)));
        }
        assertThat(actual).as("steps after restoring %s", file).isEqualTo(expected);
        assertThat(write(restored)).as("final state after restoring %s", file).isEqualTo(write(uninterrupted));
        return expected;
    }

    /** The exact bytes the Flink adapter stores for a model. */
    public static byte[] write(Model m) {
        try {
            StateOutput out = new StateOutput(m.stateBytes());
            m.writeState(out);
            byte[] b = out.toByteArray();
            assertThat(b).as("stateBytes() is what writeState writes").hasSize(m.stateBytes());
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden file from {@code /state/} on the test class path. */
    public static byte[] read(String file) throws IOException {
        try (InputStream in = GoldenState.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("golden state file /state/" + file).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }

    private static Step feed(Model m, Input in) {
        return in.type() == null ? m.update(in.time(), in.values()) : m.update(in.time(), in.type(), in.values());
    }
}
