package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Bayesian linear regression with rank-1 Cholesky update/downdate equals the batch solve (spec §B.4 options 2, 3). */
class FeatureGpTest {
    private static final int M = 12;

    private static double[] unit(SplittableRandom r) {
        double[] v = new double[M];
        double n = 0;
        for (int i = 0; i < M; i++) {
            v[i] = r.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < M; i++) {
            v[i] /= Math.sqrt(n);
        }
        return v;
    }

    @Test
    void updatesAdjustmentsAndDowndatesEqualTheBatchRegression() {
        SplittableRandom r = new SplittableRandom(9);
        double lambda = 0.3;
        FeatureGp gp = new FeatureGp(M, lambda);
        List<double[]> psis = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            int op = r.nextInt(10);
            if (op < 6 || psis.size() < 2) {
                double[] p = unit(r);
                double y = r.nextGaussian();
                gp.add(p, y);
                psis.add(p);
                ys.add(y);
            } else if (op < 8) {
                int i = r.nextInt(psis.size());
                double delta = r.nextGaussian();
                gp.adjust(psis.get(i), delta);
                ys.set(i, ys.get(i) + delta);
            } else {
                int i = r.nextInt(psis.size());
                gp.remove(psis.get(i), ys.get(i));
                psis.remove(i);
                ys.remove(i);
            }
        }
        DMatrixRMaj a = CommonOps_DDRM.identity(M);
        CommonOps_DDRM.scale(lambda, a);
        DMatrixRMaj b = new DMatrixRMaj(M, 1);
        for (int n = 0; n < psis.size(); n++) {
            double[] p = psis.get(n);
            for (int i = 0; i < M; i++) {
                b.add(i, 0, p[i] * ys.get(n));
                for (int j = 0; j < M; j++) {
                    a.add(i, j, p[i] * p[j]);
                }
            }
        }
        DMatrixRMaj inv = new DMatrixRMaj(M, M);
        CommonOps_DDRM.invert(a, inv);
        DMatrixRMaj theta = new DMatrixRMaj(M, 1);
        CommonOps_DDRM.mult(inv, b, theta);
        for (int probe = 0; probe < 5; probe++) {
            double[] p = unit(r);
            double mean = 0;
            double quad = 0;
            for (int i = 0; i < M; i++) {
                mean += p[i] * theta.get(i, 0);
                for (int j = 0; j < M; j++) {
                    quad += p[i] * inv.get(i, j) * p[j];
                }
            }
            assertThat(gp.mean(p)).isCloseTo(mean, within(1e-9));
            assertThat(gp.variance(p, 1.0)).isCloseTo(lambda * quad, within(1e-9));
        }
        assertThat(gp.observations()).isEqualTo(psis.size());
        assertThat(gp.informationGain()).isCloseTo(0.5 * Math.log(CommonOps_DDRM.det(a) / Math.pow(lambda, M)), within(1e-9));
    }
}
