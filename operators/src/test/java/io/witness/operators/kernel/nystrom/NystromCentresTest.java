package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.GaussianSampler;
import io.witness.operators.kernel.GramSpectrum;
import io.witness.operators.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Centre selection: distinct, deterministic; leverage scores exact with every landmark and useful on clusters. */
class NystromCentresTest {

    @ParameterizedTest
    @EnumSource(CentreSelection.class)
    void distinctDeterministicIndices(CentreSelection how) {
        double[] x = GaussianTargetMmd.standardNormal(300, 3, 1);
        Kernel k = new GaussianKernel(1.0);
        int[] a = NystromCentres.select(how, k, x, 300, 3, 37, 11);
        assertThat(a).hasSize(37).doesNotHaveDuplicates();
        assertThat(Arrays.stream(a).allMatch(i -> i >= 0 && i < 300)).isTrue();
        assertThat(NystromCentres.select(how, k, x, 300, 3, 37, 11)).containsExactly(a);
        assertThat(CentreSelection.parse(how.configName())).isEqualTo(how);
    }

    @Test
    void uniformCentresAreNestedAcrossM() {
        int[] small = UniformCentres.select(1000, 10, 3);
        int[] large = UniformCentres.select(1000, 50, 3);
        assertThat(Arrays.copyOf(large, 10)).containsExactly(small);
    }

    @Test
    void leverageScoresAreExactWithEveryPointAsLandmark() {
        int n = 60;
        double[] x = GaussianTargetMmd.standardNormal(n, 2, 4);
        Kernel k = new GaussianKernel(0.7);
        double lambda = 1e-2;
        double[] approx = RidgeLeverageScores.approximate(k, x, n, 2, lambda, n, 1);
        // exact: diag(K (K + nλI)^{-1})
        DMatrixRMaj kk = DMatrixRMaj.wrap(n, n, GramSpectrum.gram(k, x, n, 2));
        DMatrixRMaj reg = kk.copy();
        for (int i = 0; i < n; i++) {
            reg.add(i, i, n * lambda);
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(reg, inv);
        DMatrixRMaj h = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(kk, inv, h);
        for (int i = 0; i < n; i++) {
            assertThat(approx[i]).isCloseTo(h.get(i, i), within(1e-9));
        }
    }

    @Test
    void leverageFindsTheSparsePointsUniformMisses() {
        // 950 points in a tight cluster, 50 scattered far apart: each scattered point needs its own centre
        int n = 1000;
        int scattered = 50;
        double[] x = new double[n * 2];
        GaussianSampler g = new GaussianSampler(5);
        java.util.SplittableRandom u = new java.util.SplittableRandom(6);
        for (int i = 0; i < n; i++) {
            boolean far = i % (n / scattered) == 0;
            for (int c = 0; c < 2; c++) {
                x[i * 2 + c] = far ? 40 * (u.nextDouble() - 0.5) : 0.1 * g.next();
            }
        }
        Kernel k = new GaussianKernel(1.0);
        double[] tau = RidgeLeverageScores.approximate(k, x, n, 2, 1e-3, 200, 7);
        double farMean = 0;
        double nearMean = 0;
        for (int i = 0; i < n; i++) {
            if (i % (n / scattered) == 0) {
                farMean += tau[i] / scattered;
            } else {
                nearMean += tau[i] / (n - scattered);
            }
        }
        assertThat(farMean).isGreaterThan(20 * nearMean);

        int m = 60;
        double errLeverage = trace(k, x, NystromCentres.select(CentreSelection.LEVERAGE, k, x, n, 2, m, 8));
        double errUniform = trace(k, x, NystromCentres.select(CentreSelection.UNIFORM, k, x, n, 2, m, 8));
        System.out.printf("clustered data, M=%d: Nyström trace error leverage %.4g, uniform %.4g%n", m, errLeverage, errUniform);
        assertThat(errLeverage).isLessThan(0.25 * errUniform);
    }

    private static double trace(Kernel k, double[] x, int[] idx) {
        double[] c = new double[idx.length * 2];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * 2, c, i * 2, 2);
        }
        NystromMap map = new NystromMap(k, c, idx.length, 2);
        int n = x.length / 2;
        double[] z = new double[idx.length];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            map.map(x, i * 2, z, 0);
            double q = 0;
            for (double v : z) {
                q += v * v;
            }
            sum += k.diagonal() - q;
        }
        return sum / n;
    }

    /** Whether the map's centres are distinct rows of x (the selection never repeats a point). */
    static boolean distinct(NystromMap map, double[] x, int n) {
        Set<String> seen = new HashSet<>();
        double[] c = map.centres();
        int d = map.inputDim();
        for (int a = 0; a < map.outputDim(); a++) {
            if (!seen.add(Arrays.toString(Arrays.copyOfRange(c, a * d, a * d + d)))) {
                return false;
            }
        }
        return true;
    }
}
