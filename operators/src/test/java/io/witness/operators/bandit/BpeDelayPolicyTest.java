package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** BPE-Delay as a streaming policy: fixed action set, delayed rewards, elimination, restart with 2T (spec §B.2, §B.4). */
class BpeDelayPolicyTest {
    /** Five actions on a line; the reward peaks at action 3. */
    private static final double[] ARMS = {0.0, 0.5, 1.0, 1.5, 2.0};
    private static final double[] MEANS = {0.1, 0.4, 0.7, 0.9, 0.6};

    private static BanditFactory factory(Map<String, Object> params) {
        return new BanditFactory(BanditParameters.parse(PolicyKind.BPE_DELAY, 0, 1, params));
    }

    @Test
    void eliminatesTheWorseArmsFromDelayedRewardsAndThenPlaysTheBest() {
        BanditFactory f = factory(Map.of("horizon", 400L, "expected-delay", 5, "noise-variance", 0.01, "bandwidth", 0.5));
        BpeDelayPolicy p = (BpeDelayPolicy) f.create();
        SplittableRandom r = new SplittableRandom(3);
        Deque<Object[]> inFlight = new ArrayDeque<>();
        int bestLate = 0;
        for (int t = 0; t < 400; t++) {
            Choice ch = p.decide(ARMS, ARMS.length);
            assertThat(ch.explore()).isTrue();
            if (t >= 300 && ch.action() == 3) {
                bestLate++;
            }
            inFlight.add(new Object[] {ch.pending(), MEANS[ch.action()] + 0.1 * r.nextGaussian()});
            while (inFlight.size() > 5) {
                Object[] done = inFlight.poll();
                p.reward((PendingDecision) done[0], (Double) done[1]);
            }
        }
        assertThat(p.bpe().isCandidate(3)).isTrue();
        assertThat(p.bpe().isCandidate(0)).isFalse();
        assertThat(p.bpe().candidates()).isLessThanOrEqualTo(2);
        assertThat(p.version()).isPositive();
        assertThat(bestLate).isGreaterThan(50);
    }

    @Test
    void rejectsARequestWithOtherCandidates() {
        BanditPolicy p = factory(Map.of()).create();
        p.decide(ARMS, ARMS.length);
        assertThatThrownBy(() -> p.decide(new double[] {0.0, 0.5, 1.0}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed action set");
        assertThatThrownBy(() -> p.decide(new double[] {0.0, 0.5, 1.0, 1.5, 2.5}, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinishedScheduleRestartsWithTwiceTheHorizonAndOldRewardsNoLongerCount() {
        BpeDelayPolicy p = (BpeDelayPolicy) factory(Map.of("horizon", 20L, "expected-delay", 0)).create();
        int total = BpeSchedule.batches(20, 0, 9, 1, 0.1, false).stream().mapToInt(BpeSchedule.Batch::length).sum();
        Choice last = null;
        for (int t = 0; t < total; t++) {
            last = p.decide(ARMS, ARMS.length);
        }
        assertThat(p.bpe().finished()).isTrue();
        Choice next = p.decide(ARMS, ARMS.length);
        assertThat(p.bpe().batch()).isZero();
        assertThat(p.bpe().candidates()).isEqualTo(ARMS.length);
        assertThat(p.reward(last.pending(), 1.0)).as("a reward from the previous epoch").isFalse();
        assertThat(p.reward(next.pending(), 1.0)).isTrue();
    }

    @Test
    void paperBehaviourUsesOnlyTheFirstUsefulPlaysOfABatch() {
        BpeDelayPolicy paper = (BpeDelayPolicy) factory(Map.of("horizon", 1000L)).create();
        BpeDelayPolicy code = (BpeDelayPolicy) factory(Map.of("horizon", 1000L, "code-behaviour", true)).create();
        int useful = BpeSchedule.batches(1000, 10, 9, 1, 0.1, false).get(0).useful();
        Choice c1 = null;
        Choice c2 = null;
        for (int t = 0; t <= useful; t++) {
            c1 = paper.decide(ARMS, ARMS.length);
            c2 = code.decide(ARMS, ARMS.length);
        }
        assertThat(paper.reward(c1.pending(), 0.3)).isFalse();   // play q_r + 1
        assertThat(code.reward(c2.pending(), 0.3)).isTrue();
    }
}
