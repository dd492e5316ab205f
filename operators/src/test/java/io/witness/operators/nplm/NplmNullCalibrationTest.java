package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** §C.5: the χ² dof fit, the KS refusal rule, the empirical p-value and the alarm threshold. */
class NplmNullCalibrationTest {

    static double[] chiSquared(double nu, int n, long seed) {
        var s = ChiSquaredDistribution.of(nu).createSampler(ExponentialToy.rng(seed));
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = s.sample();
        }
        return t;
    }

    @Test
    void recoversTheDofOfChiSquaredToys() {
        for (double nu : new double[] {3.0, 7.6, 16.0}) {
            NplmNullCalibration c = NplmNullCalibration.of(chiSquared(nu, 400, (long) (nu * 10)), 0.05);
            // ν's s.e. at 400 toys is ≈ 0.35·√(ν/7.6) (spec: ±0.7 at 100 toys for ν = 7.6)
            assertThat(c.dof()).as("nu %s", nu).isCloseTo(nu, within(3 * 0.35 * Math.sqrt(nu / 7.6) + 0.1));
            assertThat(c.chiSquared()).isTrue();
            assertThat(c.method()).isEqualTo("chi2");
            assertThat(c.pValue(c.median())).isCloseTo(0.5, within(0.1));
        }
    }

    @Test
    void theGridIsTheMedianPlusMultiplesOfOneTenth() {
        NplmNullCalibration c = NplmNullCalibration.of(chiSquared(5, 100, 1), 0.05);
        double k = (c.dof() - c.median()) / ChiSquaredDofFit.STEP;
        assertThat(k).isCloseTo(Math.rint(k), within(1e-9));
        assertThat(Math.abs(k)).isLessThanOrEqualTo(100.0);
        // no grid point does better
        double best = ChiSquaredDofFit.ksDistance(c.toys(), c.dof());
        for (int j = -100; j <= 100; j++) {
            double nu = c.median() + j * 0.1;
            if (nu > 0) {
                assertThat(ChiSquaredDofFit.ksDistance(c.toys(), nu)).isGreaterThanOrEqualTo(best);
            }
        }
        assertThat(c.ksDistance()).isEqualTo(best);
    }

    @Test
    void refusesChiSquaredForABimodalNullAndFallsBackToTheEmpiricalPValue() {
        double[] t = new double[100];
        for (int i = 0; i < 100; i++) {
            t[i] = i % 2 == 0 ? 0.5 + 0.001 * i : 40 + 0.01 * i;
        }
        NplmNullCalibration c = NplmNullCalibration.of(t, 0.05);
        assertThat(c.ksPValue()).isLessThan(0.05);
        assertThat(c.chiSquared()).isFalse();
        assertThat(c.method()).isEqualTo("empirical");
        assertThat(c.pValue(50.0)).isEqualTo(c.empiricalPValue(50.0)).isEqualTo(1.0 / 101);
    }

    @Test
    void empiricalPValueCountsToysAtOrAboveT() {
        double[] t = new double[99];
        for (int i = 0; i < 99; i++) {
            t[i] = i + 1;   // 1 … 99
        }
        NplmNullCalibration c = NplmNullCalibration.of(t, 1.0); // fit level 1: always refused
        assertThat(c.chiSquared()).isFalse();
        assertThat(c.empiricalPValue(50)).isEqualTo(51.0 / 100);   // toys 50..99 are ≥ 50
        assertThat(c.empiricalPValue(50.5)).isEqualTo(50.0 / 100);
        assertThat(c.empiricalPValue(0)).isEqualTo(1.0);
        assertThat(c.empiricalPValue(1000)).isEqualTo(1.0 / 100);
    }

    @Test
    void thresholdIsTheSmallestAlarmingStatistic() {
        double[] t = new double[99];
        for (int i = 0; i < 99; i++) {
            t[i] = i + 1;
        }
        for (double fitLevel : new double[] {0.0, 1.0}) {
            NplmNullCalibration c = NplmNullCalibration.of(fitLevel == 0 ? chiSquared(6, 99, 3) : t, fitLevel);
            for (double alpha : new double[] {0.01, 0.05, 0.1}) {
                double th = c.threshold(alpha);
                assertThat(c.pValue(th)).as("%s α=%s", c.method(), alpha).isLessThanOrEqualTo(alpha * (1 + 1e-9));
                assertThat(c.pValue(Math.nextDown(th) - 1e-9 * Math.abs(th))).isGreaterThan(alpha * (1 - 1e-9));
            }
        }
        // with 99 toys the empirical p-value can reach 0.01 but not 0.005
        NplmNullCalibration c = NplmNullCalibration.of(t, 1.0);
        assertThat(c.threshold(0.005)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
