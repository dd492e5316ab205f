package io.witness.operators.forecast;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The empirical null of the drift and structure views: its Student-t tail (Wallace's approximation)
 * against Commons Statistics, its degrees of freedom against the AR(1) theory, and its calibration by
 * simulation on a slowly moving statistic (fixed seeds).
 */
class EmpiricalNullTest {

    @Test
    void wallaceTailIsNeverBelowTheExactOneWhereAlarmsAreDecided() {
        for (double nu : new double[] {0.5, 1, 2, 4, 8, 16, 64, 1000}) {
            TDistribution t = TDistribution.of(nu);
            for (double z = 2; z <= 30; z += 0.5) {
                double exact = 2 * t.survivalProbability(z);
                double approx = EmpiricalNull.twoSidedT(z, nu);
                assertThat(approx).as("nu %s z %s", nu, z).isGreaterThanOrEqualTo(0.999 * exact);
                assertThat(approx).as("nu %s z %s", nu, z).isLessThanOrEqualTo(1.6 * exact);
            }
        }
        assertThat(EmpiricalNull.twoSidedT(4.0, 1e9)).isCloseTo(2 * NormalDistribution.of(0, 1).survivalProbability(4.0),
                within(1e-9));
        assertThat(EmpiricalNull.twoSidedT(4.0, 0)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.9})
    void degreesOfFreedomFollowTheAutocorrelation(double phi) {
        EmpiricalNull nul = new EmpiricalNull(1 << 20, true);
        SplittableRandom r = new SplittableRandom(5);
        double s = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            s = phi * s + Math.sqrt(1 - phi * phi) * gaussian(r);
            nul.absorb(s);
        }
        // plain mean (n below the memory): n_eff = n; AR(1): ν = n (1 − φ²)/(1 + φ²)
        double expected = n * (1 - phi * phi) / (1 + phi * phi);
        assertThat(nul.degreesOfFreedom()).isCloseTo(expected, within(0.05 * expected));
        assertThat(nul.mean()).isCloseTo(0.0, within(0.1));
    }

    /**
     * An EW mean over 32 points of AR(1) noise (φ = 0.8): a slowly moving statistic, scored against
     * its null before each value is absorbed (as the views do). The fraction of points with p ≤ a must
     * not exceed a by more than the simulation's error, from the first points on (where the t tail does
     * the work) and in the steady state.
     */
    @Test
    void tailProbabilitiesAreCalibratedOnASlowStatistic() {
        double[] levels = {0.01, 0.001};
        long[] early = new long[2];
        long[] late = new long[2];
        long earlyPoints = 0;
        long latePoints = 0;
        for (int run = 0; run < 20; run++) {
            EmpiricalNull nul = new EmpiricalNull(8192, true);
            SplittableRandom r = new SplittableRandom(100 + run);
            double x = 0;
            double s = 0;
            for (int i = 0; i < 40_000; i++) {
                x = 0.8 * x + 0.6 * gaussian(r);
                s += (x - s) / 32;
                if (i >= 300) {
                    double p = nul.p(s, 0.0);
                    boolean isEarly = i < 3000;
                    for (int k = 0; k < 2; k++) {
                        if (p <= levels[k]) {
                            (isEarly ? early : late)[k]++;
                        }
                    }
                    if (isEarly) {
                        earlyPoints++;
                    } else {
                        latePoints++;
                    }
                }
                if (i >= 100) {
                    nul.absorb(s);
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double fe = (double) early[k] / earlyPoints;
            double fl = (double) late[k] / latePoints;
            System.out.printf("P(p <= %s): first 3,000 points %.5f, after %.5f%n", levels[k], fe, fl);
            assertThat(fe).as("early, level %s", levels[k]).isLessThanOrEqualTo(1.5 * levels[k]);
            assertThat(fl).as("steady state, level %s", levels[k]).isLessThanOrEqualTo(1.5 * levels[k]);
            assertThat(fl).as("not uselessly conservative, level %s", levels[k]).isGreaterThanOrEqualTo(0.2 * levels[k]);
        }
    }

    @Test
    void structureViewReadsTheLagCorrelationOfACycle() {
        int m = 8;
        for (double period : new double[] {48, 24}) {
            StructureView v = new StructureView(128, 8192);
            v.start();
            double w = 2 * Math.PI / period;
            for (int t = m; t < 5000; t++) {
                v.score(Math.sin(w * t), Math.sin(w * (t - m)));
            }
            assertThat(v.r).as("period %s", period).isCloseTo(Math.cos(w * m), within(0.02));
        }
        StructureView flat = new StructureView(128, 8192);
        flat.start();
        for (int t = 0; t < 200; t++) {
            flat.score(0.3, 0.3);
        }
        assertThat(flat.r).isCloseTo(1.0, within(1e-12));
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
