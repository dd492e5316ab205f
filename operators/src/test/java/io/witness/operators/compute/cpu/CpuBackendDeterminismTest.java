package io.witness.operators.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.compute.BackendFixtures;
import io.witness.operators.compute.Precision;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bitwise the same answers for any thread count; symmetric Gram matrices; empty and malformed inputs. */
class CpuBackendDeterminismTest {

    @ParameterizedTest
    @CsvSource({"DOUBLE,false", "DOUBLE,true", "FLOAT,false"})
    void resultsDoNotDependOnTheNumberOfThreads(Precision p, boolean vectorApi) {
        try (CpuBackend one = new CpuBackend(1, p, vectorApi); CpuBackend three = new CpuBackend(3, p, vectorApi)) {
            for (int d : new int[] {3, 16}) {
                int n = 203;
                int m = 389;
                double[] a = BackendFixtures.points(n, d, 1);
                double[] b = BackendFixtures.points(m, d, 2);
                double[] v = BackendFixtures.values(2 * m, 3);
                double[] w = BackendFixtures.values(n, 4);
                for (Kernel k : BackendFixtures.kernels(d)) {
                    assertThat(run(three, k, a, n, b, m, d, v, w)).isDeepEqualTo(run(one, k, a, n, b, m, d, v, w));
                }
                FeatureMap map = BackendFixtures.featureMap(FeatureMap.Form.TRIGONOMETRIC, d, 300, 5);
                double[] f1 = new double[n * 600];
                double[] f3 = new double[n * 600];
                one.featureMap(map, 0.5, a, n, f1);
                three.featureMap(map, 0.5, a, n, f3);
                assertThat(f3).isEqualTo(f1);
            }
        }
    }

    private static double[][] run(CpuBackend be, Kernel k, double[] a, int n, double[] b, int m, int d,
                                  double[] v, double[] w) {
        double[] gram = new double[n * m];
        be.gram(k, a, n, b, m, d, gram);
        double[] kv = new double[n * 2];
        be.kernelTimes(k, a, n, b, m, d, v, 2, kv);
        double[] rows = new double[n];
        be.rowSums(k, a, n, b, m, d, rows);
        double[] cols = new double[m];
        be.columnSums(k, a, n, b, m, d, cols);
        double[] knm = new double[m];
        be.knmTransposeKnm(k, a, n, b, m, d, w, v, knm);
        return new double[][] {gram, kv, rows, cols, knm};
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE,false", "DOUBLE,true", "FLOAT,false"})
    void theGramMatrixOfAPointSetIsExactlySymmetric(Precision p, boolean vectorApi) {
        try (CpuBackend be = new CpuBackend(2, p, vectorApi)) {
            for (int d : new int[] {2, 24}) {
                int n = 133;
                double[] x = BackendFixtures.points(n, d, 9);
                for (Kernel k : BackendFixtures.kernels(d)) {
                    double[] g = new double[n * n];
                    be.gram(k, x, n, x, n, d, g);
                    for (int i = 0; i < n; i++) {
                        assertThat(g[i * n + i]).isCloseTo(k.diagonal(), org.assertj.core.data.Offset.offset(1e-6));
                        for (int j = 0; j < i; j++) {
                            assertThat(g[i * n + j]).isEqualTo(g[j * n + i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyInputsGiveZerosAndBadShapesAreRejected() {
        try (CpuBackend be = new CpuBackend(2, Precision.DOUBLE)) {
            Kernel k = new GaussianKernel(1);
            double[] a = {1, 2, 3, 4};
            double[] out = {7, 7};
            be.rowSums(k, a, 2, new double[0], 0, 2, out);
            assertThat(out).containsExactly(0, 0);
            out = new double[] {7, 7};
            be.knmTransposeKnm(k, new double[0], 0, a, 2, 2, null, new double[] {1, 1}, out);
            assertThat(out).containsExactly(0, 0);
            assertThatThrownBy(() -> be.gram(k, a, 3, a, 2, 2, new double[6]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a has 4 elements, needs 6");
            assertThatThrownBy(() -> be.gram(k, a, 2, a, 2, 2, new double[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
            assertThatThrownBy(() -> be.kernelTimes(k, a, 2, a, 2, 2, new double[2], 0, new double[2]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> be.gram(k, a, 2, a, 2, 0, new double[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> be.knmTransposeKnm(k, a, 2, a, 2, 2, new double[1], new double[2], new double[2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w");
        }
    }
}
