package io.witness.operators.skit;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Old savepoints must restore: SKIT states written by format version 1 are kept as golden files
 * ({@code src/test/resources/state/skit-*-v1.b64}, base64 of the exact bytes). Each must (1) still be
 * what this build writes for the same input — a format change must bump {@code FORMAT_VERSION} and
 * add new golden files next to these, never replace them — and (2) restore into a model that continues
 * exactly like one that never stopped.
 *
 * <p>Regenerate only for a new version: {@code mvn -pl operators test -Dtest=SkitStateCompatibilityTest
 * -Dwitness.golden.write=src/test/resources/state} writes the files of the current version.
 */
class SkitStateCompatibilityTest {

    /** (name, parameters, observations before the snapshot): each phase and layout of the v1 format. */
    static List<Arguments> goldens() {
        return List.of(
                Arguments.of("rff-ons", Map.of("features", 4, "burn-in", 10, "seed", 7), 101),
                Arguments.of("rff-mixture-forgetting", Map.of("features", 3, "burn-in", 10, "bettor", "mixture",
                        "forgetting", 0.05), 80),
                Arguments.of("exact-agrapa", Map.of("witness", "exact", "max-history", 40, "bettor", "agrapa",
                        "bandwidth-x", 1.0, "bandwidth-y", 0.8), 121),
                Arguments.of("burn-in", Map.of("features", 4, "burn-in", 30), 17),
                Arguments.of("rff-default-features", Map.of("burn-in", 10), 75));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version1StateIsStillWrittenAndRestoresIntoTheSameModel(String name, Map<String, Object> params,
                                                                 int snapshotAt) throws IOException {
        MonitorFactory factory = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, params);
        double[][] data = stream(snapshotAt + 60);
        Monitor before = factory.create();
        for (int i = 0; i < snapshotAt; i++) {
            before.update(i, data[i]);
        }
        byte[] written = SkitStateBytes.write(before);
        String file = "skit-" + name + "-v1.b64";
        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, file), Base64.getMimeEncoder().encodeToString(written) + "\n");
        }
        byte[] golden = golden(file);
        assertThat(written).as("this build must still write format v1 byte for byte for " + name).isEqualTo(golden);

        Monitor restored = SkitStateBytes.restore(factory, golden);
        Monitor uninterrupted = factory.create();
        List<Step> expected = new ArrayList<>();
        List<Step> actual = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            Step s = uninterrupted.update(i, data[i]);
            if (i >= snapshotAt) {
                expected.add(s);
                actual.add(restored.update(i, data[i]));
            }
        }
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(expected).as("the continuation must contain decision steps").anyMatch(s -> s != null);
    }

    /** Weakly dependent pairs from a fixed seed (SplittableRandom is specified bit for bit). */
    private static double[][] stream(int n) {
        SplittableRandom r = new SplittableRandom(2026);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * 2 - 1;
            out[i] = new double[] {x, 0.5 * x + (r.nextDouble() - 0.5)};
        }
        return out;
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = SkitStateCompatibilityTest.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("golden state file /state/" + file).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
