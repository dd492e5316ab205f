package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.kernel.GaussianKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spec kernel-tests.md §C.8.1: the deterministic logistic-Falkon/NPLM vector. PCG run to a tight
 * tolerance must give the exact one-step Newton solution (the preconditioner does not change it), in
 * both ways of computing the K_NM products.
 */
class FalkonCheckVectorTest {

    private static final ComputeBackend CPU = new CpuBackend(2, Precision.DOUBLE);

    static final double[] R = {0.05, 0.10, 0.20, 0.35, 0.50, 0.70, 0.90, 1.20, 1.60, 2.10};
    static final double[] D = {0.15, 0.30, 0.30, 0.45, 0.80};
    static final double[] C = {0.10, 0.50, 0.90, 1.60};
    /** All four centres are reference points (0.10, 0.50, 0.90, 1.60 are in R). */
    static final boolean[] C_IS_DATA = {false, false, false, false};

    @AfterAll
    static void close() {
        CPU.close();
    }

    static FalkonFit fit(int steps, KnmMode mode) {
        TrainingSet set = TrainingSet.of(R, R.length, D, D.length, 1, 0.5);
        FalkonLogisticSolver.Settings s = new FalkonLogisticSolver.Settings(1e-3, steps, 1e-14, 100, mode);
        return FalkonLogisticSolver.fit(CPU, new GaussianKernel(0.5), set, C.clone(), C_IS_DATA, s);
    }

    @ParameterizedTest
    @EnumSource(value = KnmMode.class, names = {"MATERIALISED", "STREAMED"})
    void oneNewtonStepFromZero(KnmMode mode) {
        FalkonFit fit = fit(1, mode);
        assertThat(fit.mode()).isEqualTo(mode);
        double[] expected = {-3.1534081287, 5.3509768508, -2.7885308718, -1.7512216711};
        for (int j = 0; j < 4; j++) {
            assertThat(fit.alpha()[j]).as("alpha[%d]", j).isCloseTo(expected[j], within(1e-8));
        }
        assertThat(fit.objective()).isCloseTo(0.3862768774, within(1e-9));
        TrainingSet set = TrainingSet.of(R, R.length, D, D.length, 1, 0.5);
        assertThat(NplmStatistic.of(set, fit.f())).isCloseTo(4.1733106649, within(1e-8));
        double[] fOnD = {0.1191203933, 0.6116632764, 0.6116632764, 0.8718703470, 0.0657832885};
        for (int i = 0; i < D.length; i++) {
            assertThat(fit.f()[R.length + i]).as("f(D[%d])", i).isCloseTo(fOnD[i], within(1e-9));
        }
        assertThat(fit.cgIterations()).isBetween(1, 8);
    }

    @Test
    void fiftyNewtonStepsConverge() {
        FalkonFit fit = fit(50, KnmMode.MATERIALISED);
        double[] expected = {-3.4558762314, 5.6352195815, -2.5279721443, -3.3749377494};
        for (int j = 0; j < 4; j++) {
            assertThat(fit.alpha()[j]).as("alpha[%d]", j).isCloseTo(expected[j], within(1e-8));
        }
        assertThat(fit.objective()).isCloseTo(0.3805039707, within(1e-9));
        TrainingSet set = TrainingSet.of(R, R.length, D, D.length, 1, 0.5);
        assertThat(NplmStatistic.of(set, fit.f())).isCloseTo(4.4828849199, within(1e-8));
    }
}
