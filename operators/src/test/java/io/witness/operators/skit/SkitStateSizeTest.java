package io.witness.operators.skit;

import io.witness.operators.monitor.Monitor;
import io.witness.operators.skit.sim.PairedStream;
import io.witness.operators.skit.sim.PairedStreams;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded state per key, stated in bytes and measured (DESIGN principles; spec §A.4.2). The literals
 * below are the measured sizes; the formula next to each says where they come from:
 * {@code 43 (header: version, observations, flags, max log wealth, 3 counters) + 16 (σx, σy) + witness
 * + bettor (ONS 32, aGRAPA 32, mixture 160) [+ 8·(dx+dy) while half a pair is held]}, with the RFF
 * witness {@code 8 + 8·(2Dx + 2Dy + 4·Dx·Dy)} and the exact one {@code 4 + 8·n·(dx+dy+2) + 24}.
 */
class SkitStateSizeTest {

    static final int DEFAULT_RFF_BYTES = 133_219;      // 43 + 16 + (8 + 8·(128 + 128 + 16 384)) + 32
    static final int DEFAULT_RFF_HALF_PAIR_BYTES = 133_235;
    static final int FEATURES_32_BYTES = 33_891;       // 43 + 16 + (8 + 8·(64 + 64 + 4 096)) + 32
    static final int EXACT_FULL_HISTORY_BYTES = 32_119; // 43 + 16 + (4 + 8·1000·4 + 24) + 32, max-history 1000
    static final int BURN_IN_199_BYTES = 3_263;        // 43 + 4 + 8·199·2 + 32

    private static Monitor monitor(Map<String, Object> params) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05, params).create();
    }

    private static void feed(Monitor m, PairedStream s, long upTo) {
        double[] obs = new double[2];
        for (long i = m.observations(); i < upTo; i++) {
            s.next(i, obs);
            m.update(i, obs);
        }
    }

    private static int written(Monitor m) {
        int n = SkitStateBytes.write(m).length;
        assertThat(m.stateBytes()).as("stateBytes() = bytes written").isEqualTo(n);
        return n;
    }

    @Test
    void rffStateDoesNotGrowWithTheStream() {
        Monitor m = monitor(Map.of());
        PairedStream s = PairedStreams.gaussianLinear(0.2).open(31);
        feed(m, s, 1_000);
        int after1k = written(m);
        feed(m, s, 20_000);
        int after20k = written(m);
        System.out.printf("SKIT-STATE rff D=64 dx=dy=1 ons: %d bytes after 1000 observations, %d after 20000%n",
                after1k, after20k);
        assertThat(after20k).isEqualTo(after1k).isEqualTo(DEFAULT_RFF_BYTES);
        feed(m, s, 20_001);
        assertThat(written(m)).as("with half a pair held").isEqualTo(DEFAULT_RFF_HALF_PAIR_BYTES);
        SkitFactory f = (SkitFactory) SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, Map.of());
        assertThat(f.steadyStateBytes()).as("the factory's bound is the largest post-burn-in state")
                .isEqualTo(DEFAULT_RFF_HALF_PAIR_BYTES);
    }

    @Test
    void rffStateWith32Features() {
        Monitor m = monitor(Map.of("features", 32));
        feed(m, PairedStreams.gaussianLinear(0.0).open(32), 1_000);
        int bytes = written(m);
        System.out.printf("SKIT-STATE rff D=32 dx=dy=1 ons: %d bytes%n", bytes);
        assertThat(bytes).isEqualTo(FEATURES_32_BYTES);
    }

    @Test
    void exactStateStopsGrowingAtMaxHistory() {
        Monitor m = monitor(Map.of("witness", "exact"));
        PairedStream s = PairedStreams.gaussianLinear(0.0).open(33);
        feed(m, s, 1_200);
        int full = written(m);
        feed(m, s, 3_000);
        System.out.printf("SKIT-STATE exact max-history=1000 dx=dy=1 ons: %d bytes once full%n", full);
        assertThat(written(m)).isEqualTo(full).isEqualTo(EXACT_FULL_HISTORY_BYTES);
    }

    @Test
    void burnInStateHoldsTheBuffer() {
        Monitor m = monitor(Map.of());
        feed(m, PairedStreams.gaussianLinear(0.0).open(34), 199);
        int bytes = written(m);
        System.out.printf("SKIT-STATE rff default, 199 of 200 burn-in observations buffered: %d bytes%n", bytes);
        assertThat(bytes).isEqualTo(BURN_IN_199_BYTES);
    }

    @Test
    void bettorSizesAddUp() {
        Map<String, Integer> expected = Map.of("ons", DEFAULT_RFF_BYTES, "agrapa", DEFAULT_RFF_BYTES,
                "mixture", DEFAULT_RFF_BYTES - 32 + 160);
        for (var e : expected.entrySet()) {
            Map<String, Object> p = new HashMap<>();
            p.put("bettor", e.getKey());
            Monitor m = monitor(p);
            feed(m, PairedStreams.gaussianLinear(0.0).open(35), 400);
            assertThat(written(m)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
