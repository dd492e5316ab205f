package io.witness.operators.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.GoldenState.Input;
import io.witness.operators.monitor.Monitor;
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
 * Old savepoints must restore: kernel-forecast states of format version 1 are golden files
 * ({@code src/test/resources/state/kernel-forecast-*-v1.b64}) that this build must still write from the same
 * seeded series and restore into a model that continues exactly like an uninterrupted one
 * ({@link GoldenState}). One per phase and regression layout: the warm-up buffer, an open incident with
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

    /** The current format (version 2, with the drift and structure views): written byte for byte, restores exactly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version2StateIsStillWrittenAndRestoresIntoTheSameModel(String name, Map<String, Object> params, int snapshotAt,
                                                                int points, int openFor) throws IOException {
        List<Step> steps = GoldenState.assertWrittenAndContinues("kernel-forecast-" + name + "-v2.b64",
                ForecastMethod.with(params), series(points), snapshotAt);
        assertContinuation(steps, openFor);
    }

    /**
     * The same snapshots written by the version-1 build (before the drift and structure views): they must
     * restore, keep their incident, and go on scoring; the new views start empty, so the continuation is
     * not bit-equal to a version-2 run (ForecastStateUpgradeTest checks the forecaster part exactly).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version1StateOfTheSameSnapshotRestores(String name, Map<String, Object> params, int snapshotAt,
                                                int points, int openFor) throws IOException {
        MonitorFactory factory = ForecastMethod.with(params);
        Monitor restored = factory.restore(new StateInput(GoldenState.read("kernel-forecast-" + name + "-v1.b64")));
        assertThat(restored.observations()).as("observations in the v1 snapshot").isEqualTo(snapshotAt);
        List<Input> inputs = series(points);
        List<Step> steps = new ArrayList<>();
        for (int i = snapshotAt; i < inputs.size(); i++) {
            steps.add(restored.update(inputs.get(i).time(), inputs.get(i).values()));
        }
        assertContinuation(steps, openFor);
        byte[] v2 = GoldenState.write(restored);
        assertThat(GoldenState.write(factory.restore(new StateInput(v2)))).as("written back as version 2").isEqualTo(v2);
    }

    private static void assertContinuation(List<Step> steps, int openFor) {
        Step first = steps.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        assertThat(Integer.parseInt(first.explanation().get("incident_points"))).as("incident open at the snapshot")
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
