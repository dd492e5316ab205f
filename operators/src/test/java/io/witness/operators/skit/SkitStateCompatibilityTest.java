package io.witness.operators.skit;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Old savepoints must restore: SKIT states are kept as golden files ({@code src/test/resources/state/
 * skit-*-v1.b64}, {@code -v2.b64}: base64 of the exact bytes), never replaced.
 *
 * <ul>
 * <li>Version 1 (no shape in the state) restores with the shape version 1 resolved from the same
 * parameters — D as configured, else 64 — whatever this build's defaults are, continues exactly like
 * a model of that shape that never stopped, and is written back as version 2 with that shape.</li>
 * <li>Version 2 is still what this build writes for the same input, byte for byte (a format change
 * must bump {@code FORMAT_VERSION} and add new golden files next to these), and restores into a
 * model that continues exactly like one that never stopped.</li>
 * </ul>
 *
 * <p>Regenerate only for a new version: {@code mvn -pl operators test -Dtest=SkitStateCompatibilityTest
 * -Dwitness.golden.write=src/test/resources/state} writes the files of the current version.
 */
class SkitStateCompatibilityTest {

    /** (name, parameters, observations before the snapshot) of the version-1 files, as the v1 build wrote them. */
    static List<Arguments> version1() {
        return List.of(
                Arguments.of("rff-ons", Map.of("features", 4, "burn-in", 10, "seed", 7), 101),
                Arguments.of("rff-mixture-forgetting", Map.of("features", 3, "burn-in", 10, "bettor", "mixture",
                        "forgetting", 0.05), 80),
                Arguments.of("exact-agrapa", Map.of("witness", "exact", "max-history", 40, "bettor", "agrapa",
                        "bandwidth-x", 1.0, "bandwidth-y", 0.8), 121),
                Arguments.of("burn-in", Map.of("features", 4, "burn-in", 30), 17),
                Arguments.of("rff-default-features", Map.of("burn-in", 10), 75));
    }

    /** The version-2 files: each phase, witness, precision and bettor layout. */
    static List<Arguments> version2() {
        return List.of(
                Arguments.of("rff-double-ons", Map.of("witness", "rff", "features", 4, "precision", "double",
                        "burn-in", 10, "seed", 7), 101),
                Arguments.of("rff-float-mixture-forgetting", Map.of("witness", "rff", "features", 3,
                        "precision", "float", "burn-in", 10, "bettor", "mixture", "forgetting", 0.05), 80),
                Arguments.of("joint-double-agrapa", Map.of("witness", "joint", "features", 8, "precision", "double",
                        "burn-in", 10, "bettor", "agrapa"), 91),
                Arguments.of("joint-float-ons-half-pair", Map.of("witness", "joint", "features", 8,
                        "precision", "float", "burn-in", 10, "seed", 9), 96),
                Arguments.of("exact-agrapa", Map.of("witness", "exact", "max-history", 40, "bettor", "agrapa",
                        "bandwidth-x", 1.0, "bandwidth-y", 0.8), 121),
                Arguments.of("burn-in", Map.of("burn-in", 30), 17),
                Arguments.of("default", Map.of(), 260));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("version1")
    void version1StateRestoresWithItsOwnShapeAndContinues(String name, Map<String, Object> params, int snapshotAt)
            throws IOException {
        MonitorFactory configured = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, params);
        byte[] golden = golden("skit-" + name + "-v1.b64");
        assertThat(golden[0] << 8 | golden[1]).as("a version-1 file").isEqualTo(1);

        // what the v1 build ran: D as configured or 64, means in double
        SkitParameters p = ((SkitFactory) configured).parameters();
        Map<String, Object> asVersion1 = new HashMap<>(params);
        asVersion1.put("features", p.version1Features());
        asVersion1.put("precision", "double");
        MonitorFactory version1Build = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, asVersion1);

        SkitModel restored = (SkitModel) SkitStateBytes.restore(configured, golden);
        assertThat(restored.shape()).isEqualTo(p.version1Shape());
        assertContinuesLikeUninterrupted(restored, version1Build, snapshotAt);

        byte[] rewritten = SkitStateBytes.write(SkitStateBytes.restore(configured, golden));
        assertThat(rewritten[0] << 8 | rewritten[1]).as("written back as the current version")
                .isEqualTo(SkitModel.FORMAT_VERSION);
        SkitModel again = (SkitModel) SkitStateBytes.restore(configured, rewritten);
        assertThat(again.shape()).as("the rewritten state keeps the version-1 shape").isEqualTo(p.version1Shape());
        assertContinuesLikeUninterrupted(again, version1Build, snapshotAt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("version2")
    void version2StateIsStillWrittenAndRestoresIntoTheSameModel(String name, Map<String, Object> params,
                                                                 int snapshotAt) throws IOException {
        MonitorFactory factory = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, params);
        double[][] data = stream(snapshotAt + 60);
        Model before = factory.create();
        for (int i = 0; i < snapshotAt; i++) {
            before.update(i, data[i]);
        }
        byte[] written = SkitStateBytes.write(before);
        String file = "skit-" + name + "-v2.b64";
        String writeTo = System.getProperty("witness.golden.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, file), Base64.getMimeEncoder().encodeToString(written) + "\n");
            return;
        }
        byte[] golden = golden(file);
        assertThat(written).as("this build must still write format v2 byte for byte for " + name).isEqualTo(golden);
        assertContinuesLikeUninterrupted(SkitStateBytes.restore(factory, golden), factory, snapshotAt);
    }

    /**
     * The default D changed from 64 (version 1) to what {@link SkitMethod#defaultFeatures} says: a key
     * whose state was written at the old default keeps D = 64 through any number of restores, while a
     * new key of the same monitor starts with the new default.
     */
    @Test
    void aKeyStartedAtTheOldDefaultKeepsItsD() throws IOException {
        MonitorFactory configured = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, Map.of("burn-in", 10));
        SkitModel old = (SkitModel) SkitStateBytes.restore(configured, golden("skit-rff-default-features-v1.b64"));
        assertThat(old.shape().features()).isEqualTo(SkitMethod.VERSION1_DEFAULT_FEATURES);
        assertThat(old.shape().witness()).isEqualTo(WitnessKind.RFF);
        SkitModel fresh = (SkitModel) configured.create();
        assertThat(fresh.shape()).isEqualTo(((SkitFactory) configured).parameters().shape());
        assertThat(SkitStateBytes.write(SkitStateBytes.restore(configured, SkitStateBytes.write(old))).length)
                .as("still a D = 64 state after a v2 round trip").isEqualTo(old.stateBytes())
                .isGreaterThan(130_000);
    }

    private static void assertContinuesLikeUninterrupted(Model restored, MonitorFactory factory, int snapshotAt) {
        double[][] data = stream(snapshotAt + 60);
        Model uninterrupted = factory.create();
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
