package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.Matern52Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Nyström features z(x) = L^{-1} k(C, x): exactness at the centres, error falling with M, KT vs uniform. */
class NystromMapTest {

    private static final int N = 600;
    private static final int D = 2;

    @Test
    void reproducesTheKernelAtTheCentresAndBatchesAgree() {
        double[] x = GaussianTargetMmd.standardNormal(N, D, 1);
        Kernel k = new Matern52Kernel(1.2);
        NystromMap map = NystromMap.select(CentreSelection.UNIFORM, k, x, N, D, 30, 9);
        double[] c = map.centres();
        for (int a = 0; a < 30; a++) {
            for (int b = 0; b < 30; b++) {
                assertThat(map.approximate(c, a * D, c, b * D)).isCloseTo(k.value(c, a * D, c, b * D, D), within(1e-9));
            }
        }
        double[] batch = new double[N * 30];
        map.map(x, N, batch);
        double[] one = new double[30];
        for (int i = 0; i < N; i += 37) {
            map.map(x, i * D, one, 0);
            for (int a = 0; a < 30; a++) {
                assertThat(batch[i * 30 + a]).isCloseTo(one[a], within(1e-12));
            }
        }
    }

    @Test
    void errorFallsWithTheNumberOfCentres() {
        // uniform centres for growing M are nested (same seed), so the projection error can only fall
        double[] x = GaussianTargetMmd.standardNormal(N, D, 2);
        Kernel k = new GaussianKernel(1.0);
        double previous = Double.POSITIVE_INFINITY;
        StringBuilder report = new StringBuilder("uniform:");
        for (int m : new int[] {5, 10, 20, 40, 80, 160}) {
            double e = traceError(NystromMap.select(CentreSelection.UNIFORM, k, x, N, D, m, 4), k, x);
            report.append(String.format(" M=%d %.3g", m, e));
            assertThat(e).isLessThan(0.6 * previous);
            previous = e;
        }
        System.out.println(report);
        assertThat(previous).isLessThan(1e-3);
    }

    @ParameterizedTest
    @EnumSource(CentreSelection.class)
    void nystromNeverOverestimatesTheDiagonal(CentreSelection how) {
        // K − Z Zᵀ is positive semi-definite (a projection residual), so k(x,x) − ‖z(x)‖² ≥ 0 up to rounding
        double[] x = GaussianTargetMmd.standardNormal(N, D, 3);
        Kernel k = new GaussianKernel(0.8);
        NystromMap map = NystromMap.select(how, k, x, N, D, 25, 5);
        assertThat(NystromCentresTest.distinct(map, x, N)).isTrue();
        double[] z = new double[25];
        for (int i = 0; i < N; i++) {
            map.map(x, i * D, z, 0);
            double q = 0;
            for (double v : z) {
                q += v * v;
            }
            assertThat(k.diagonal() - q).isGreaterThanOrEqualTo(-1e-10);
        }
    }

    @Test
    void kernelThinningCentresBeatUniformOnesInMmd() {
        // same data, same M, fixed seeds: KT centres are closer to the data in MMD, and the Nyström
        // approximation built on them is at least as good
        double[] x = GaussianTargetMmd.standardNormal(1024, D, 6);
        Kernel k = new GaussianKernel(2.0);
        for (int m : new int[] {16, 32, 64}) {
            int[] kt = NystromCentres.select(CentreSelection.KERNEL_THINNING, k, x, 1024, D, m, 8);
            int[] uniform = NystromCentres.select(CentreSelection.UNIFORM, k, x, 1024, D, m, 8);
            double mmdKt = GaussianTargetMmd.mmdToInput(k, x, 1024, D, kt);
            double mmdUniform = GaussianTargetMmd.mmdToInput(k, x, 1024, D, uniform);
            double errKt = traceError(centresMap(k, x, kt), k, x);
            double errUniform = traceError(centresMap(k, x, uniform), k, x);
            System.out.printf("M=%d MMD to data: KT %.5f uniform %.5f; Nyström trace error: KT %.3g uniform %.3g%n",
                    m, mmdKt, mmdUniform, errKt, errUniform);
            assertThat(mmdKt).isLessThan(0.5 * mmdUniform);
            assertThat(errKt).isLessThan(errUniform);
        }
    }

    /** Mean over the data of {@code k(x,x) − ‖z(x)‖²}: the trace of K − Z Zᵀ divided by n. */
    static double traceError(NystromMap map, Kernel k, double[] x) {
        int n = x.length / D;
        int m = map.outputDim();
        double[] z = new double[m];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            map.map(x, i * D, z, 0);
            double q = 0;
            for (double v : z) {
                q += v * v;
            }
            sum += k.diagonal() - q;
        }
        return sum / n;
    }

    static NystromMap centresMap(Kernel k, double[] x, int[] idx) {
        double[] c = new double[idx.length * D];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * D, c, i * D, D);
        }
        return new NystromMap(k, c, idx.length, D);
    }
}
