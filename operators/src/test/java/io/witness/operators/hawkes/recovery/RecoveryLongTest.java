package io.witness.operators.hawkes.recovery;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec §A.6 recovery table, long version: T = 10³, 10⁴, 10⁵ (Δ = 0.1), both the monitor's block solver
 * and the spec's RMSprop (lr 1e−3, 2000 iterations, early stopping), more seeds than the spec's 5;
 * the error must shrink like 1/√T (median at 10³ over median at 10⁵ between 5 and 20; √100 = 10).
 */
@Tag("long")
class RecoveryLongTest {

    @Test
    void blockSolverMatchesTheSpecTable() {
        double m3 = RecoveryCheck.check(1_000, 200, RecoveryExperiment.Solver.BLOCK, 300, 0.067);
        RecoveryCheck.check(10_000, 100, RecoveryExperiment.Solver.BLOCK, 300, 0.028);
        double m5 = RecoveryCheck.check(100_000, 40, RecoveryExperiment.Solver.BLOCK, 300, 0.013);
        assertThat(m3 / m5).isBetween(5.0, 20.0);
    }

    @Test
    void specRmspropMatchesTheSpecTable() {
        RecoveryCheck.check(1_000, 100, RecoveryExperiment.Solver.RMSPROP, 2000, 0.067);
        RecoveryCheck.check(10_000, 50, RecoveryExperiment.Solver.RMSPROP, 2000, 0.028);
        RecoveryCheck.check(100_000, 20, RecoveryExperiment.Solver.RMSPROP, 2000, 0.013);
    }
}
