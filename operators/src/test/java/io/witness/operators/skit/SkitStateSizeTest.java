package io.witness.operators.skit;

import io.witness.operators.monitor.Model;
import io.witness.operators.skit.sim.PairedStream;
import io.witness.operators.skit.sim.PairedStreams;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded state per key, stated in bytes and measured (DESIGN principles; spec §A.4.2, §A.4.2b). The
 * literals below are the measured sizes; the formula next to each says where they come from:
 * {@code 60 (header: version, shape 17, observations, flags, max log wealth, 3 counters) + 16 (σx, σy)
 * + witness + bettor (ONS 32, aGRAPA 32, mixture 160) [+ 8·(dx+dy) while half a pair is held]}, with
 * the tensor RFF witness {@code 8 + b·(2Dx + 2Dy + 4·Dx·Dy)}, the joint one {@code 8 + b·6J} (b = 4 for
 * float means, the default, 8 for double) and the exact one {@code 4 + 8·n·(dx+dy+2) + 24}.
 */
class SkitStateSizeTest {

    static final int DEFAULT_RFF_BYTES = 6_836;        // 60 + 16 + (8 + 4·(40 + 40 + 1 600)) + 32, D = 20 float
    static final int DEFAULT_RFF_HALF_PAIR_BYTES = 6_852;
    static final int DEFAULT_JOINT_4D_HALF_PAIR_BYTES = 6_324; // 60 + 16 + (8 + 4·6·256) + 32 + 8·8, d = 4
    static final int FEATURES_64_DOUBLE_BYTES = 133_236; // 60 + 16 + (8 + 8·(128 + 128 + 16 384)) + 32 (version 1's default)
    static final int FEATURES_32_DOUBLE_BYTES = 33_908;  // 60 + 16 + (8 + 8·(64 + 64 + 4 096)) + 32
    static final int EXACT_FULL_HISTORY_BYTES = 32_136; // 60 + 16 + (4 + 8·1000·4 + 24) + 32, max-history 1000
    static final int BURN_IN_199_BYTES = 3_280;        // 60 + 4 + 8·199·2 + 32

    private static Model monitor(Map<String, Object> params) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05, params).create();
    }

    private static void feed(Model m, PairedStream s, long upTo) {
        double[] obs = new double[2];
        for (long i = m.observations(); i < upTo; i++) {
            s.next(i, obs);
            m.update(i, obs);
        }
    }

    private static int written(Model m) {
        int n = SkitStateBytes.write(m).length;
        assertThat(m.stateBytes()).as("stateBytes() = bytes written").isEqualTo(n);
        return n;
    }

    @Test
    void rffStateDoesNotGrowWithTheStream() {
        Model m = monitor(Map.of());
        PairedStream s = PairedStreams.gaussianLinear(0.2).open(31);
        feed(m, s, 1_000);
        int after1k = written(m);
        feed(m, s, 20_000);
        int after20k = written(m);
        System.out.printf("SKIT-STATE rff D=20 float dx=dy=1 ons: %d bytes after 1000 observations, %d after 20000%n",
                after1k, after20k);
        assertThat(after20k).isEqualTo(after1k).isEqualTo(DEFAULT_RFF_BYTES);
        feed(m, s, 20_001);
        assertThat(written(m)).as("with half a pair held").isEqualTo(DEFAULT_RFF_HALF_PAIR_BYTES);
        SkitFactory f = (SkitFactory) SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, Map.of());
        assertThat(f.steadyStateBytes()).as("the factory's bound is the largest post-burn-in state")
                .isEqualTo(DEFAULT_RFF_HALF_PAIR_BYTES);
    }

    @Test
    void rffStateWithDoubleMeans() {
        Model m = monitor(Map.of("features", 32, "precision", "double"));
        feed(m, PairedStreams.gaussianLinear(0.0).open(32), 1_000);
        int bytes = written(m);
        Model old = monitor(Map.of("features", 64, "precision", "double"));
        feed(old, PairedStreams.gaussianLinear(0.0).open(32), 1_000);
        System.out.printf("SKIT-STATE rff D=32 double dx=dy=1 ons: %d bytes; D=64 double (version 1's default): %d%n",
                bytes, written(old));
        assertThat(bytes).isEqualTo(FEATURES_32_DOUBLE_BYTES);
        assertThat(written(old)).isEqualTo(FEATURES_64_DOUBLE_BYTES);
    }

    @Test
    void jointStateDoesNotGrowWithTheDimension() {
        for (int d : new int[] {4, 16}) {
            SkitFactory f = (SkitFactory) SkitMethod.factory(Map.of("x", d, "y", d), 0.05, Map.of());
            assertThat(f.parameters().witness()).as("default witness at d = %d", d).isEqualTo(WitnessKind.JOINT);
            Model m = f.create();
            PairedStream s = PairedStreams.gaussianLinear(d, 0.0).open(36);
            double[] obs = new double[2 * d];
            for (int i = 0; i < 401; i++) {
                s.next(i, obs);
                m.update(i, obs);
            }
            int bytes = written(m);
            System.out.printf("SKIT-STATE joint J=256 float dx=dy=%d ons, half a pair held: %d bytes%n", d, bytes);
            assertThat(bytes).as("d = %d", d).isEqualTo(DEFAULT_JOINT_4D_HALF_PAIR_BYTES + 8 * 2 * (d - 4));
            assertThat(f.steadyStateBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void exactStateStopsGrowingAtMaxHistory() {
        Model m = monitor(Map.of("witness", "exact"));
        PairedStream s = PairedStreams.gaussianLinear(0.0).open(33);
        feed(m, s, 1_200);
        int full = written(m);
        feed(m, s, 3_000);
        System.out.printf("SKIT-STATE exact max-history=1000 dx=dy=1 ons: %d bytes once full%n", full);
        assertThat(written(m)).isEqualTo(full).isEqualTo(EXACT_FULL_HISTORY_BYTES);
    }

    @Test
    void burnInStateHoldsTheBuffer() {
        Model m = monitor(Map.of());
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
            Model m = monitor(p);
            feed(m, PairedStreams.gaussianLinear(0.0).open(35), 400);
            assertThat(written(m)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
