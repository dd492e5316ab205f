package io.witness.operators.hawkes.sim;

import io.witness.operators.hawkes.KernelFamily;
import io.witness.operators.hawkes.TimeRescalingTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both simulators, every kernel family, a 2-type process with directed excitation: the empirical rates
 * match the stationary rates (I − Γ)⁻¹μ within 4 standard errors (SE of a Hawkes rate estimate ≈
 * √(Λ/T)/(1−ρ)), and the time-rescaled gaps under the true model pass the KS test against Exp(1)
 * (p > 0.001) — a wrong simulator fails one or the other.
 */
class SimulatorTest {
    static final double T = 4_000;

    static SimulatedProcess process(KernelFamily fam) {
        double w = 1.0;
        SimKernel k = switch (fam) {
            case TRUNCATED_GAUSSIAN -> new ShapeKernel(fam, w, 0.4, 0.15);
            case TRUNCATED_EXPONENTIAL -> new ShapeKernel(fam, w, 4.0);
            case RAISED_COSINE -> new ShapeKernel(fam, w, 0.2, 0.3);
            case KUMARASWAMY -> new ShapeKernel(fam, w, 2.0, 3.0);
        };
        return new SimulatedProcess(new double[]{0.5, 0.3}, new double[][]{{0.3, 0.0}, {0.5, 0.2}},
                SimulatedProcess.uniform(2, k));
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void clusterSimulationHasTheStationaryRatesAndRescalesToExp1(KernelFamily fam) {
        SimulatedProcess proc = process(fam);
        check(proc, ClusterSimulator.simulate(proc, T, 10, 17), "cluster " + fam);
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void ogataSimulationHasTheStationaryRatesAndRescalesToExp1(KernelFamily fam) {
        SimulatedProcess proc = process(fam);
        check(proc, OgataSimulator.simulate(proc, T, 19), "ogata " + fam);
    }

    static void check(SimulatedProcess proc, Events ev, String what) {
        double[] rates = proc.stationaryRates();
        double rho = 0.3;   // spectral radius of [[.3, 0], [.5, .2]]
        for (int i = 0; i < 2; i++) {
            double got = ev.count(i) / T;
            double se = Math.sqrt(rates[i] / T) / (1 - rho);
            assertThat(Math.abs(got - rates[i])).as("%s rate of type %d: %s vs %s", what, i, got, rates[i])
                    .isLessThan(4 * se);
        }
        double p = TimeRescalingTest.pValueOfGaps(ContinuousCompensator.gaps(proc, ev));
        System.out.printf("HAWKES-SIM %s events %d KS p %.3f%n", what, ev.size(), p);
        assertThat(p).as(what + " KS p-value").isGreaterThan(0.001);
    }
}
