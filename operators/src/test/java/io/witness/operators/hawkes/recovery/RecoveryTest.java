package io.witness.operators.hawkes.recovery;

import io.witness.operators.hawkes.FadinSolver;
import io.witness.operators.hawkes.FadinStatistics;
import io.witness.operators.hawkes.HawkesGrid;
import io.witness.operators.hawkes.HawkesParameters;
import io.witness.operators.hawkes.KernelFamily;
import io.witness.operators.hawkes.RmspropFadinSolver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Parameter recovery on simulated truncated-Gaussian processes (spec §A.6), fast version: T = 10³ with
 * 40 seeds and T = 10⁴ with 10 seeds (the long profile runs more seeds and T = 10⁵). Also the solver
 * comparison that justifies the monitor's block solver: same minimum as the spec's RMSprop, reached in
 * tens of iterations instead of about a thousand.
 */
class RecoveryTest {

    @Test
    void recoversTheTruthAtT1000() {
        RecoveryCheck.check(1_000, 40, RecoveryExperiment.Solver.BLOCK, 300, 0.067);
    }

    @Test
    void recoversTheTruthAtT10000() {
        RecoveryCheck.check(10_000, 10, RecoveryExperiment.Solver.BLOCK, 300, 0.028);
    }

    @Test
    void blockSolverReachesTheRmspropMinimumInFarFewerIterations() {
        HawkesGrid grid = HawkesGrid.of(0.1, 1.0);
        FadinStatistics st = RecoveryExperiment.statistics(RecoveryExperiment.simulate(10_000, 1), 10_000, grid);
        HawkesParameters block = init();
        FadinSolver solver = new FadinSolver(KernelFamily.TRUNCATED_GAUSSIAN, grid, 1e-2);
        double lb = solver.refit(block, new double[2], st, 1000);
        int blockIterations = solver.iterationsDone();
        RmspropFadinSolver rms = new RmspropFadinSolver(KernelFamily.TRUNCATED_GAUSSIAN, grid, 1e-3, 0);
        int rmsIterations = 0;
        double lr = Double.NaN;
        for (int n = 100; n <= 4000; n += 100) {   // one uninterrupted run of n iterations each time
            HawkesParameters th = init();
            rms.fit(th, st, n);
            rmsIterations = n;
            lr = rms.loss(th, st);
            if (lr <= lb + 1e-9 * Math.abs(lb)) {
                break;
            }
        }
        System.out.printf("HAWKES-SOLVER T=1e4: block %d iterations (loss %.10f), spec RMSprop %d iterations (loss %.10f)%n",
                blockIterations, lb, rmsIterations, lr);
        assertThat(lr).isCloseTo(lb, within(1e-7 * Math.abs(lb)));
        assertThat(blockIterations).isLessThan(150);
        assertThat(rmsIterations).isGreaterThan(3 * blockIterations);
    }

    private static HawkesParameters init() {
        return new HawkesParameters(KernelFamily.TRUNCATED_GAUSSIAN, new double[]{0.5}, new double[]{0.5},
                new double[]{0.3, 0.2});
    }
}
