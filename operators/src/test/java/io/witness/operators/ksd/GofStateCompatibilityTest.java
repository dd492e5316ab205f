package io.witness.operators.ksd;

import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.Step;
import io.witness.operators.monitor.StateGolden;
import io.witness.operators.pksd.PksdMethod;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden v1 states of the windowed goodness-of-fit monitors ({@code ksd}, {@code pksd}): per-key
 * fitting phase, fitted model with a partial window, shared model, sliding window (see {@link StateGolden});
 * a v2 state (a per-key fit with its refit null table); and a v1 fitted state restored under the refit
 * calibration, which simulates the same table at its next window and continues like a model that never stopped.
 */
class GofStateCompatibilityTest {

    static List<Arguments> goldens() {
        return List.of(
                Arguments.of("ksd-fitting", "ksd", Map.of("reference-size", 40, "window", 20, "bootstrap-draws", 50), 25),
                // version 1 states were written under the bootstrap calibration, now chosen explicitly
                Arguments.of("ksd-fitted-mixture", "ksd", Map.of("reference-size", 40, "window", 20, "model", "mixture",
                        "bootstrap-draws", 50, "statistic", "u", "calibration", "bootstrap"), 73),
                Arguments.of("ksd-given-sliding", "ksd", Map.of("mean", "0,0", "variance", "1,2", "window", 20, "hop", 5,
                        "bootstrap-draws", 50, "wild-flip-probability", 0.1), 31),
                Arguments.of("pksd-given-mixture", "pksd", Map.of("model", "mixture", "means", "0,0;4,0",
                        "window", 20, "bootstrap-draws", 50, "jump-scales", 3, "mode-starts", 8), 47));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version1(String name, String method, Map<String, Object> params, int snapshotAt) throws IOException {
        MonitorFactory f = ("ksd".equals(method) ? new KsdMethod() : new PksdMethod()).configure(Map.of("x", 2), 0.05, params);
        double[][] data = stream(snapshotAt + 45);
        long[] times = new long[data.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1000L * i;
        }
        StateGolden.roundTripEverywhere(f, times, data);
        StateGolden.check(name + "-v1.b64", f, times, data, snapshotAt);
    }

    static final Map<String, Object> REFIT = Map.of("reference-size", 40, "window", 20, "model", "mixture",
            "bootstrap-draws", 50, "statistic", "u", "null-draws", 60);

    @Test
    void version2HoldsTheRefitNull() throws IOException {
        MonitorFactory f = new KsdMethod().configure(Map.of("x", 2), 0.05, REFIT);
        double[][] data = stream(73 + 45);
        long[] times = new long[data.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1000L * i;
        }
        StateGolden.roundTripEverywhere(f, times, data);
        StateGolden.check("ksd-fitted-mixture-refit-v2.b64", f, times, data, 73);
    }

    @Test
    void version1FittedStateRestoresUnderTheRefitCalibration() throws IOException {
        MonitorFactory f = new KsdMethod().configure(Map.of("x", 2), 0.05, REFIT);
        double[][] data = stream(73 + 45);
        Model restored = f.restore(new StateInput(GoldenState.read("ksd-fitted-mixture-v1.b64")));
        Model uninterrupted = f.create();
        List<Step> expected = new ArrayList<>();
        List<Step> actual = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            Step s = uninterrupted.update(1000L * i, data[i]);
            if (i >= 73) {
                expected.add(s);
                actual.add(restored.update(1000L * i, data[i]));
            }
        }
        assertThat(expected).anyMatch(s -> s != null && "refit".equals(s.explanation().get("calibration").asText()));
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(StateGolden.write(restored)).isEqualTo(StateGolden.write(uninterrupted));
    }

    static double[][] stream(int n) {
        SplittableRandom r = new SplittableRandom(2026);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble() * 2 - 1;
            out[i] = new double[] {a + (r.nextBoolean() ? 4 : 0), 0.5 * a + r.nextDouble() - 0.5};
        }
        return out;
    }
}
