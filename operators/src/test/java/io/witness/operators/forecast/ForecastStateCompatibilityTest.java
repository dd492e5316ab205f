package io.witness.operators.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.GoldenState.Input;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Old savepoints must restore: kernel-forecast states are golden files
 * ({@code src/test/resources/state/kernel-forecast-*-v<version>.b64}). Those of the current version 3 this
 * build must still write from the same seeded series and restore into a model that continues exactly like
 * an uninterrupted one ({@link GoldenState}); those of versions 2 and 1 must restore and go on. One per phase and regression layout: the warm-up buffer, an open incident with
 * AOGD and with NONS, and NONS recalibrating after an accepted level shift.
 */
class ForecastStateCompatibilityTest {

    /** (name, parameters, snapshot index, points, first continuation step's incident_points at least). */
    static List<Arguments> goldens() {
        return List.of(
                Arguments.of("aogd-warm-up", Map.of(), 60, 400, 0),
                Arguments.of("aogd-incident", Map.of("algorithm", "aogd"), 700, 1100, 2),
                Arguments.of("nons-incident", Map.of("algorithm", "nons"), 700, 1100, 2),
                Arguments.of("nons-recalibrating", Map.of("algorithm", "nons", "seasonality", "daily"), 900, 1100, 0));
    }

    /** The current format (version 3, with the onset calibration): written byte for byte, restores exactly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version3StateIsStillWrittenAndRestoresIntoTheSameModel(String name, Map<String, Object> params, int snapshotAt,
                                                                int points, int openFor) throws IOException {
        List<Step> steps = GoldenState.assertWrittenAndContinues("kernel-forecast-" + name + "-v3.b64",
                ForecastMethod.with(params), series(points), snapshotAt);
        assertContinuation(steps, openFor);
    }

    /**
     * The same snapshots written by the version-2 build (before the onset calibration) and the version-1
     * build (before the drift and structure views): they must restore, keep their incident, go on scoring,
     * and be written back as version 3. A restored model starts the calibration at its full level (what
     * the old builds used at every point); v1 ones also start the new views empty, so the continuation is
     * not bit-equal to an uninterrupted run (ForecastStateUpgradeTest checks the forecaster part exactly).
     */
    @ParameterizedTest(name = "{0} v{5}")
    @MethodSource("oldGoldens")
    void olderStateOfTheSameSnapshotRestores(String name, Map<String, Object> params, int snapshotAt,
                                             int points, int openFor, int version) throws IOException {
        MonitorFactory factory = ForecastMethod.with(params);
        byte[] old = GoldenState.read("kernel-forecast-" + name + "-v" + version + ".b64");
        assertThat(old[0] * 256 + old[1]).as("golden file holds format version %d", version).isEqualTo(version);
        Model restored = factory.restore(new StateInput(old));
        assertThat(restored.observations()).as("observations in the v%d snapshot", version).isEqualTo(snapshotAt);
        List<Input> inputs = series(points);
        List<Step> steps = new ArrayList<>();
        for (int i = snapshotAt; i < inputs.size(); i++) {
            steps.add(restored.update(inputs.get(i).time(), inputs.get(i).values()));
        }
        assertContinuation(steps, openFor);
        byte[] v3 = GoldenState.write(restored);
        assertThat(v3[0] * 256 + v3[1]).as("written back as version 3").isEqualTo(ForecastModel.FORMAT_VERSION);
        assertThat(GoldenState.write(factory.restore(new StateInput(v3)))).as("version 3 round trip").isEqualTo(v3);
    }

    static List<Arguments> oldGoldens() {
        List<Arguments> out = new ArrayList<>();
        for (int version : new int[] {2, 1}) {
            for (Arguments a : goldens()) {
                Object[] g = a.get();
                out.add(Arguments.of(g[0], g[1], g[2], g[3], g[4], version));
            }
        }
        return out;
    }

    private static void assertContinuation(List<Step> steps, int openFor) {
        Step first = steps.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        assertThat((int) first.explanation().get("incident_points").asLong()).as("incident open at the snapshot")
                .isGreaterThanOrEqualTo(openFor);
        if (openFor > 0) {
            assertThat(steps).as("the continuation closes the incident").anyMatch(s -> s != null && s.clear());
        }
    }

    /** AR(1) noise with a level shift of +8 over [600, 1000): an incident no seed misses, accepted at ~856. */
    private static List<Input> series(int n) {
        LabelledSeries s = SyntheticSeries.generate(Base.AR1, n, AnomalyKind.LEVEL_SHIFT, 600, 3);
        List<Input> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double shift = i >= 600 && i < 1000 ? 5 : 0;
            out.add(new Input(s.times()[i], null, new double[] {s.values()[i] + shift}));
        }
        return out;
    }
}
