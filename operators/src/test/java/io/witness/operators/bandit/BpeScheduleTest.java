package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The batch schedule against spec online-methods.md §B.2's table (repro of the reference's bped_batch_size). */
class BpeScheduleTest {

    private static int[] lengths(double meanDelay, boolean code) {
        return BpeSchedule.batches(1000, meanDelay, 9, 1, 0.01, code).stream().mapToInt(BpeSchedule.Batch::length).toArray();
    }

    @Test
    void referenceCodeScheduleMatchesTheSpecTableForEveryMeanDelay() {
        List<BpeSchedule.Batch> b = BpeSchedule.batches(1000, 50, 9, 1, 0.01, true);
        assertThat(b).extracting(BpeSchedule.Batch::useful).containsExactly(32, 179, 424, 652);
        assertThat(lengths(0, true)).containsExactly(48, 199, 447, 676);
        assertThat(lengths(10, true)).containsExactly(58, 209, 457, 686);
        assertThat(lengths(25, true)).containsExactly(73, 225, 472, 701);
        assertThat(lengths(50, true)).containsExactly(98, 250, 497, 726);
        assertThat(java.util.Arrays.stream(lengths(50, true)).sum()).isEqualTo(1571);
        assertThat(lengths(100, true)).containsExactly(148, 300, 547, 776);
    }

    @Test
    void paperScheduleExtendsEveryBatchByTheHorizonBound() {
        double psiT = BpeSchedule.psi(1000, 9, 1, 0.01);
        // ln(3·1000/0.02) = 11.918; 2b·ln = 23.84 < √(2·81·11.918) = 43.9
        assertThat(psiT).isCloseTo(2 * Math.log(150_000), within(1e-12));
        int[] expected = {32, 179, 424, 652};
        int[] got = lengths(50, false);
        for (int r = 0; r < 4; r++) {
            assertThat(got[r]).isEqualTo((int) Math.ceil(expected[r] + 50 + psiT));
        }
    }

    @Test
    void batchesStopOnceTheUsefulPlaysExceedTheHorizon() {
        for (long t : new long[] {2, 10, 1000, 123_457}) {
            List<BpeSchedule.Batch> b = BpeSchedule.batches(t, 5, 9, 1, 0.01, false);
            long useful = b.stream().mapToLong(BpeSchedule.Batch::useful).sum();
            long beforeLast = useful - b.get(b.size() - 1).useful();
            assertThat(useful).isGreaterThan(t);
            assertThat(beforeLast).isLessThanOrEqualTo(t);
        }
    }
}
