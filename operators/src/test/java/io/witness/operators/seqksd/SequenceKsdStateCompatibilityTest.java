package io.witness.operators.seqksd;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateGolden;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden v1 states of {@code sequence-ksd}: counting reference sessions, and a partial window. */
class SequenceKsdStateCompatibilityTest {

    private static final String[] TYPES = {"login", "view", "buy", "logout", "refund"};

    static List<Arguments> goldens() {
        return List.of(
                Arguments.of("reference", 37),
                Arguments.of("window", 140));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void version1(String name, int snapshotAt) throws IOException {
        MonitorFactory f = new SequenceKsdMethod().configure(Map.of(), 0.05, Map.of("alphabet", "login,view,buy,logout",
                "end-type", "logout", "reference-sessions", 12, "window", 6, "bootstrap-draws", 50,
                "session-gap-seconds", 60));
        SplittableRandom r = new SplittableRandom(2026);
        double[][] data = new double[snapshotAt + 120][];
        long[] times = new long[data.length];
        String[] types = new String[data.length];
        long t = 0;
        for (int i = 0; i < data.length; i++) {
            t += r.nextInt(10) == 0 ? 120_000 : 5_000;   // some sessions end by a gap
            times[i] = t;
            types[i] = TYPES[r.nextInt(TYPES.length)];    // "refund" is not in the alphabet: "other"
            data[i] = new double[0];
        }
        StateGolden.roundTripEverywhere(f, times, types, data);
        StateGolden.check("sequence-ksd-" + name + "-v1.b64", f, times, types, data, snapshotAt);
    }
}
