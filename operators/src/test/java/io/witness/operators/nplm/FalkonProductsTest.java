package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.witness.operators.compute.BackendFixtures;
import io.witness.operators.compute.NaiveKernelAlgebra;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.nystrom.JitteredCholesky;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Falkon products through the CPU backend against the obvious loops, and a PCG fit against a dense
 * EJML solve of the same Newton system (the preconditioner must not change the answer).
 */
class FalkonProductsTest {

    private static final CpuBackend CPU = new CpuBackend(2, Precision.DOUBLE);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @ParameterizedTest
    @EnumSource(value = KnmMode.class, names = {"MATERIALISED", "STREAMED"})
    void productsMatchNaiveLoops(KnmMode mode) {
        int n = 157;
        int m = 23;
        int d = 3;
        GaussianKernel k = new GaussianKernel(0.8);
        double[] x = BackendFixtures.points(n, d, 1);
        double[] c = BackendFixtures.points(m, d, 2);
        double[] v = BackendFixtures.values(m, 3);
        double[] u = BackendFixtures.values(n, 4);
        double[] w = BackendFixtures.values(n, 5);
        KnmProducts p = KnmProducts.of(mode, CPU, k, x, n, c, m, d);
        assertThat(p.mode()).isEqualTo(mode);

        double[] mag = new double[n];
        double[] expect = NaiveKernelAlgebra.kernelTimes(k, x, n, c, m, d, v, 1, mag);
        double[] got = new double[n];
        p.times(v, got);
        BackendFixtures.assertClose("K_NM v", expect, got, mag, 1e-13);

        double[] magT = new double[m];
        double[] expectT = NaiveKernelAlgebra.kernelTimes(k, c, m, x, n, d, u, 1, magT);
        double[] gotT = new double[m];
        p.transposeTimes(u, gotT);
        BackendFixtures.assertClose("K_NMᵀ u", expectT, gotT, magT, 1e-13);

        double[] magW = new double[m];
        double[] expectW = NaiveKernelAlgebra.knmTransposeKnm(k, x, n, c, m, d, w, v, magW);
        double[] gotW = new double[m];
        p.weightedGram(w, v, gotW);
        BackendFixtures.assertClose("K_NMᵀ(w∘K_NM v)", expectW, gotW, magW, 1e-13);
    }

    @Test
    void autoMaterialisesSmallProblemsOnTheCpu() {
        assertThat(KnmMode.AUTO.resolve(1000, 100, "cpu")).isEqualTo(KnmMode.MATERIALISED);
        assertThat(KnmMode.AUTO.resolve(100_000, 100, "cpu")).isEqualTo(KnmMode.STREAMED);
        assertThat(KnmMode.AUTO.resolve(1000, 100, "cuda")).isEqualTo(KnmMode.STREAMED);
        assertThat(KnmMode.STREAMED.resolve(10, 10, "cpu")).isEqualTo(KnmMode.STREAMED);
    }

    /**
     * One Newton step by PCG (to 1e−12) equals the dense solve of
     * {@code [(1/N)K_NMᵀD₀K_NM + λ(K_MM + εMI)] α = (1/(2N))K_NMᵀ(y − w(1−y))} (§C.3), in both modes.
     */
    @Test
    void pcgStepEqualsDenseNewtonSolve() {
        int nRef = 300;
        int nData = 60;
        int d = 2;
        int m = 40;
        SplittableRandom r = new SplittableRandom(9);
        double[] ref = new double[nRef * d];
        double[] data = new double[nData * d];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = NplmStreams.gauss(r);
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = NplmStreams.gauss(r) + (i % d == 0 ? 0.7 : 0.0);
        }
        double w = (double) nData / nRef;
        TrainingSet set = TrainingSet.of(ref, nRef, data, nData, d, w);
        int[] rows = new int[m];
        for (int j = 0; j < m; j++) {
            rows[j] = j * 9;   // spread over both classes
        }
        GaussianKernel k = new GaussianKernel(0.6);
        double lambda = 1e-3;
        double[] alpha = dense(set, rows, k, lambda);
        double[] f = new double[set.size()];
        CPU.kernelTimes(k, set.x(), set.size(), centres(set, rows), m, d, alpha, 1, f);
        double fScale = Arrays.stream(f).map(Math::abs).max().orElseThrow();
        double aScale = Arrays.stream(alpha).map(Math::abs).max().orElseThrow();
        for (KnmMode mode : new KnmMode[] {KnmMode.MATERIALISED, KnmMode.STREAMED}) {
            FalkonFit fit = FalkonLogisticSolver.fit(CPU, k, set, rows,
                    new FalkonLogisticSolver.Settings(lambda, 1, 1e-12, 1000, mode));
            for (int j = 0; j < m; j++) {
                assertThat(fit.alpha()[j]).as("%s alpha[%d]", mode, j).isCloseTo(alpha[j], within(1e-8 * aScale));
            }
            for (int i = 0; i < set.size(); i++) {
                assertThat(fit.f()[i]).as("%s f[%d]", mode, i).isCloseTo(f[i], within(1e-10 * fScale));
            }
            assertThat(fit.cgIterations()).isLessThan(m);
        }
    }

    private static double[] centres(TrainingSet set, int[] rows) {
        int d = set.d();
        double[] c = new double[rows.length * d];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(set.x(), rows[j] * d, c, j * d, d);
        }
        return c;
    }

    private static double[] dense(TrainingSet set, int[] rows, GaussianKernel k, double lambda) {
        int n = set.size();
        int d = set.d();
        int m = rows.length;
        double[] c = centres(set, rows);
        DMatrixRMaj knm = DMatrixRMaj.wrap(n, m, NaiveKernelAlgebra.gram(k, set.x(), n, c, m, d));
        DMatrixRMaj kmm = DMatrixRMaj.wrap(m, m, NaiveKernelAlgebra.gram(k, c, m, c, m, d));
        double jitter = JitteredCholesky.factor(kmm.data.clone(), m, 1.0).jitter();
        DMatrixRMaj dk = knm.copy();
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double wi = set.isData(i) ? 0.25 : set.weight() / 4;
            for (int j = 0; j < m; j++) {
                dk.data[i * m + j] *= wi / n;
            }
            y.data[i] = (set.isData(i) ? 1.0 : -set.weight()) / (2.0 * n);
        }
        DMatrixRMaj h = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(knm, dk, h);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                h.data[i * m + j] += lambda * (kmm.data[i * m + j] + (i == j ? jitter : 0));
            }
        }
        DMatrixRMaj b = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(knm, y, b);
        DMatrixRMaj a = new DMatrixRMaj(m, 1);
        assertThat(CommonOps_DDRM.solve(h, b, a)).isTrue();
        return a.data;
    }
}
