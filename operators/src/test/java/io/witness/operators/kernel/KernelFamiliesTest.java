package io.witness.operators.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every kernel family: hand-computed values, symmetry, k(x,x) = profile(0), PSD Gram matrices. */
class KernelFamiliesTest {

    static Stream<Kernel> families() {
        return Stream.of(new GaussianKernel(0.7), new LaplaceKernel(1.3), new ImqKernel(0.9),
                new ImqKernel(1.1, 2.0, -0.3), new Matern32Kernel(0.8), new Matern52Kernel(1.2));
    }

    // x = (0, 0), y = (1, 2): ‖x−y‖² = 5, ‖x−y‖₁ = 3; values from Python's math module.
    private static final double[] X = {0, 0};
    private static final double[] Y = {1, 2};

    @Test
    void gaussianByHand() {
        assertThat(new GaussianKernel(2).value(X, Y)).isCloseTo(0.5352614285189903, within(1e-15)); // exp(-5/8)
    }

    @Test
    void laplaceByHand() {
        assertThat(new LaplaceKernel(2).value(X, Y)).isCloseTo(0.22313016014842982, within(1e-15)); // exp(-3/2)
    }

    @Test
    void imqByHand() {
        assertThat(new ImqKernel(2).value(X, Y)).isCloseTo(2.0 / 3.0, within(1e-15)); // (1 + 5/4)^(-1/2)
        assertThat(new ImqKernel(1, 2, -0.3).value(X, Y)).isCloseTo(0.5172818579717866, within(1e-15)); // 9^(-0.3)
    }

    @Test
    void maternByHand() {
        // ν = 3/2, σ = 2: s = √3·√5/2;  ν = 5/2, σ = 2: s = √5·√5/2 = 2.5
        assertThat(new Matern32Kernel(2).value(X, Y)).isCloseTo(0.42346851483873416, within(1e-15));
        assertThat(new Matern52Kernel(2).value(X, Y)).isCloseTo(0.45830790898343504, within(1e-15));
    }

    @ParameterizedTest
    @MethodSource("families")
    void symmetricWithConstantDiagonal(Kernel k) {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 200; t++) {
            double[] a = randomPoint(rnd, 5);
            double[] b = randomPoint(rnd, 5);
            assertThat(k.value(a, b)).isEqualTo(k.value(b, a));
            assertThat(k.value(a, a)).isEqualTo(k.profile(0.0)).isEqualTo(k.diagonal());
            assertThat(k.value(a, b)).isBetween(0.0, k.diagonal());
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void gramMatricesArePositiveSemiDefinite(Kernel k) {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int d : new int[] {1, 3, 8}) {
            int n = 60;
            double[] x = new double[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * (rnd.nextDouble() - 0.5);
            }
            // two exact duplicates make the Gram matrix singular: the smallest eigenvalue is 0, not < 0
            System.arraycopy(x, 0, x, d, d);
            double min = GramSpectrum.smallestEigenvalue(GramSpectrum.gram(k, x, n, d), n);
            assertThat(min).as("%s, d=%d", k.kind(), d).isGreaterThanOrEqualTo(-1e-10);
        }
    }

    @Test
    void aNonKernelFailsThePsdCheck() {
        // the check can fail: −‖x−y‖² is symmetric with zero trace, so some eigenvalue is negative
        Kernel bad = new Kernel() {
            public KernelKind kind() { return KernelKind.GAUSSIAN; }
            public double bandwidth() { return 1; }
            public double[] parameters() { return new double[] {1, 0, 0}; }
            public double profile(double d2) { return -d2; }
        };
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[30 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
        }
        assertThat(GramSpectrum.smallestEigenvalue(GramSpectrum.gram(bad, x, 30, 2), 30)).isLessThan(-1e-3);
    }

    @ParameterizedTest
    @MethodSource("families")
    void factoryRoundTripsParameters(Kernel k) {
        Kernel copy = Kernels.of(k.kind(), k.parameters());
        assertThat(copy.value(X, Y)).isEqualTo(k.value(X, Y));
        assertThat(KernelKind.parse(k.kind().configName())).isEqualTo(k.kind());
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new GaussianKernel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaplaceKernel(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImqKernel(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImqKernel(1, 0, -0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KernelKind.parse("cauchy")).isInstanceOf(IllegalArgumentException.class);
        assertThat(KernelKind.parse("Matern_52")).isEqualTo(KernelKind.MATERN52);
    }

    private static double[] randomPoint(SplittableRandom rnd, int d) {
        double[] p = new double[d];
        for (int i = 0; i < d; i++) {
            p[i] = 3 * (rnd.nextDouble() - 0.5);
        }
        return p;
    }
}
