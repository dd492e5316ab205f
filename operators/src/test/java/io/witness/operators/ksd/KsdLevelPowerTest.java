package io.witness.operators.ksd;

import static io.witness.operators.ksd.KsdSimulation.Law.GVD;
import static io.witness.operators.ksd.KsdSimulation.Law.LAPLACE;
import static io.witness.operators.ksd.KsdSimulation.Law.NULL;
import static io.witness.operators.ksd.KsdSimulation.rejectionRate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small, fast version of the §B.4.2 table (N(0, I₅) target, α = 0.05): level at n = 300, power
 * against the variance difference and Laplace tails, and the kernel-choice effect (median-bandwidth
 * Gaussian misses the Laplace tails that IMQ catches). The full table is {@link KsdLevelPowerLongTest}.
 */
class KsdLevelPowerTest {

    @Test
    void levelAtN300() {
        double rate = rejectionRate(KsdSimulation.imqV(200), NULL, 300, 80, 0.05, 11);
        // spec 0.053; 80 runs: s.e. 0.024 → within 3 s.e. of α
        assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * 0.024);
    }

    @Test
    void powerAndKernelChoiceAtN300() {
        double gvd = rejectionRate(KsdSimulation.imqU(200), GVD, 300, 25, 0.05, 12);
        double laplaceImq = rejectionRate(KsdSimulation.imqV(200), LAPLACE, 300, 25, 0.05, 13);
        double laplaceGauss = rejectionRate(KsdSimulation.gaussU(200), LAPLACE, 300, 25, 0.05, 14);
        assertThat(gvd).as("IMQ U, GVD (spec 0.94)").isGreaterThanOrEqualTo(0.75);
        assertThat(laplaceImq).as("IMQ V, Laplace (spec 0.98)").isGreaterThanOrEqualTo(0.8);
        assertThat(laplaceGauss).as("Gaussian-median U, Laplace (spec 0.31)").isLessThanOrEqualTo(0.6);
    }
}
