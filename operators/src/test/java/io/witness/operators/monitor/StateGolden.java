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
 * The golden-state pattern of {@code SkitStateCompatibilityTest}, for any method: a state written after
 * {@code snapshotAt} observations must (1) equal the golden file byte for byte — a format change must
 * bump the method's version and add files, never replace them — and (2) restore into a model that
 * continues exactly like one that never stopped. Also checks {@link Model#stateBytes()} against the
 * bytes written at every observation. Regenerate with {@code -Dwitness.golden.write=src/test/resources/state}.
 */
public final class StateGolden {

    private StateGolden() {
    }

    public static byte[] write(Model m) {
        try {
            StateOutput out = new StateOutput(m.stateBytes());
            m.writeState(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Round trip at every observation: size exact, restored model writes the same bytes. */
    public static void roundTripEverywhere(MonitorFactory f, long[] times, double[][] data) throws IOException {
        roundTripEverywhere(f, times, null, data);
    }

    /** As {@link #roundTripEverywhere(MonitorFactory, long[], double[][])} for typed events ({@code types[i]}). */
    public static void roundTripEverywhere(MonitorFactory f, long[] times, String[] types, double[][] data)
            throws IOException {
        Model m = f.create();
        for (int i = 0; i < data.length; i++) {
            update(m, times, types, data, i);
            byte[] b = write(m);
            assertThat(b.length).as("stateBytes() at observation %d", i + 1).isEqualTo(m.stateBytes());
            Model back = f.restore(new StateInput(b));
            assertThat(write(back)).as("restored state at observation %d", i + 1).isEqualTo(b);
        }
    }

    public static void check(String file, MonitorFactory f, long[] times, double[][] data, int snapshotAt)
            throws IOException {
        check(file, f, times, null, data, snapshotAt);
    }

    /** As {@link #check(String, MonitorFactory, long[], double[][], int)} for typed events ({@code types[i]}). */
    public static void check(String file, MonitorFactory f, long[] times, String[] types, double[][] data,
                             int snapshotAt) throws IOException {
        Model before = f.create();
        for (int i = 0; i < snapshotAt; i++) {
            update(before, times, types, data, i);
        }
        byte[] written = write(before);
        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, file), Base64.getMimeEncoder().encodeToString(written) + "\n");
        }
        byte[] golden;
        try (InputStream in = StateGolden.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("golden state file /state/" + file).isNotNull();
            golden = Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        assertThat(written).as("this build must still write " + file + " byte for byte").isEqualTo(golden);
        Model restored = f.restore(new StateInput(golden));
        Model uninterrupted = f.create();
        List<Step> expected = new ArrayList<>();
        List<Step> actual = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            Step s = update(uninterrupted, times, types, data, i);
            if (i >= snapshotAt) {
                expected.add(s);
                actual.add(update(restored, times, types, data, i));
            }
        }
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(expected).as("the continuation must contain decision steps").anyMatch(s -> s != null);
    }

    /** Observation i, typed when {@code types} is given (as the streaming layer calls it). */
    private static Step update(Model m, long[] times, String[] types, double[][] data, int i) {
        return types == null ? m.update(times[i], data[i]) : m.update(times[i], types[i], data[i]);
    }
}
