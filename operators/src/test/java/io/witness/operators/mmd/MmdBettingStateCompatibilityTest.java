package io.witness.operators.mmd;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateGolden;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden v1 states of {@code mmd-betting}: reference phase, betting with a partial batch, after a re-baseline. */
class MmdBettingStateCompatibilityTest {

    static List<Arguments> goldens() {
        return List.of(
                Arguments.of("reference", Map.of("reference-size", 30, "features", 4), 17),
                Arguments.of("betting-batch", Map.of("reference-size", 30, "features", 4, "events-per-bet", 3,
                        "bettor", "mixture"), 71),
                Arguments.of("rebaselined", Map.of("reference-size", 12, "features", 3, "bettor", "agrapa",
                        "bandwidth", 0.7), 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version1(String name, Map<String, Object> params, int snapshotAt) throws IOException {
        MonitorFactory f = new MmdBettingMethod().configure(Map.of("x", 2), 0.05, params);
        SplittableRandom r = new SplittableRandom(2026);
        double[][] data = new double[snapshotAt + 80][];
        long[] times = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = new double[] {r.nextDouble() + (i > 40 ? 1.5 : 0), r.nextDouble()};
            times[i] = 1000L * i;
        }
        StateGolden.roundTripEverywhere(f, times, data);
        StateGolden.check("mmd-betting-" + name + "-v1.b64", f, times, data, snapshotAt);
    }
}
