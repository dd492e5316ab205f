package io.witness.operators.seqksd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fast version of §B.7.8 (n = 50 sequences): level at h = 0 (with and without
 * insertions/deletions), power at h = 0.75 and 1. */
class RandomWalkPowerTest {

    @Test
    void levelAndPower() {
        SequenceKsd test = RandomWalkSimulation.specTest(200);
        double level = RandomWalkSimulation.rejectionRate(test, 0, 40, 1);
        double h75 = RandomWalkSimulation.rejectionRate(test, 0.75, 12, 2);
        double h1 = RandomWalkSimulation.rejectionRate(test, 1.0, 8, 3);
        double levelWithIndels = RandomWalkSimulation.rejectionRate(RandomWalkSimulation.fullTest(200), 0, 40, 4);
        assertThat(level).as("spec 0.04; 40 runs, 3 s.e. = 0.10").isLessThanOrEqualTo(0.05 + 0.10);
        assertThat(h75).as("spec 0.98").isGreaterThanOrEqualTo(0.75);
        assertThat(h1).as("spec 1.00").isGreaterThanOrEqualTo(0.85);
        assertThat(levelWithIndels).as("ZS_5 with insertions/deletions keeps the level").isLessThanOrEqualTo(0.05 + 0.10);
    }
}
