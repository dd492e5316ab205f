package io.witness.operators.skit;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static io.witness.operators.monitor.ExplanationValue.integer;

/**
 * How SKIT counts pairs (spec §A.2.1), which the stopping times of §A.5.2 depend on: with fixed
 * bandwidths and burn-in 0 the first pair is history only, bet #k is on pair k+1 and the explanation's
 * {@code pair} counts that history pair (the notebook's {@code cur_pair + 1}); after a burn-in, pairs are
 * counted from the end of the burn-in and the first one is bet on (the burn-in is the history).
 */
class SkitPairBookkeepingTest {

    private static Model monitor(Map<String, Object> params) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05, params).create();
    }

    @Test
    void burnInZeroFirstPairIsHistoryOnly() {
        Model m = monitor(Map.of("bandwidth-x", 1.0, "bandwidth-y", 1.0));
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 1; i <= 3; i++) {
            assertThat(m.update(i, new double[]{rnd.nextDouble(), rnd.nextDouble()})).as("observation %d", i).isNull();
        }
        for (int i = 4; i <= 400; i++) {
            Step s = m.update(i, new double[]{rnd.nextDouble(), rnd.nextDouble()});
            if (i % 2 == 1) {
                assertThat(s).as("observation %d holds half a pair", i).isNull();
                continue;
            }
            long bet = s.explanation().get("bet").asLong();
            long pair = s.explanation().get("pair").asLong();
            assertThat(s.n()).isEqualTo(i);
            assertThat(pair).as("pair index at observation %d", i).isEqualTo(i / 2);
            assertThat(bet).as("bet #k is on pair k+1").isEqualTo(pair - 1);
        }
    }

    @Test
    void afterBurnInTheFirstPairIsBetOn() {
        Model m = monitor(Map.of("burn-in", 10));
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 1; i <= 11; i++) {
            assertThat(m.update(i, new double[]{rnd.nextDouble(), rnd.nextDouble()})).as("observation %d", i).isNull();
        }
        Step first = m.update(12, new double[]{rnd.nextDouble(), rnd.nextDouble()});
        assertThat(first).isNotNull();
        assertThat(first.explanation()).containsEntry("bet", integer(1)).containsEntry("pair", integer(1));
        assertThat(first.n()).isEqualTo(12);
    }
}
