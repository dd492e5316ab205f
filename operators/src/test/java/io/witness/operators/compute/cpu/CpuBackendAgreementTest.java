package io.witness.operators.compute.cpu;

import static io.witness.operators.compute.BackendFixtures.assertClose;

import io.witness.operators.compute.BackendFixtures;
import io.witness.operators.compute.NaiveKernelAlgebra;
import io.witness.operators.compute.Precision;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every operation of the CPU backend, every kernel family, d = 1..64 (both sides of the switch between
 * direct differences and the dot-product form), sizes that are not multiples of the block or the row
 * group, in double and float, against the naive loops over {@link Kernel#value}.
 */
class CpuBackendAgreementTest {

    /** Double: the dot-product form loses ~d·ε·‖x‖² in a distance; sums scale with their terms. */
    static final double DOUBLE_TOL = 1e-12;
    /** Float: distances summed in float, a few float ulps of ‖x‖². */
    static final double FLOAT_TOL = 2e-5;

    /** The three kinds of inner loop: plain double, Vector API double, plain float. */
    enum Variant { DOUBLE, DOUBLE_VECTOR_API, FLOAT }

    static CpuBackend dbl;
    static CpuBackend vec;
    static CpuBackend flt;

    @BeforeAll
    static void start() {
        dbl = new CpuBackend(2, Precision.DOUBLE, false);
        vec = new CpuBackend(2, Precision.DOUBLE, true);
        flt = new CpuBackend(2, Precision.FLOAT, false);
        // the surefire JVM runs with --add-modules jdk.incubator.vector: the Vector API path must be live
        org.assertj.core.api.Assertions.assertThat(vec.vectorApi()).as(vec.description()).isTrue();
    }

    @AfterAll
    static void stop() {
        dbl.close();
        vec.close();
        flt.close();
    }

    static Stream<Arguments> cases() {
        int[] dims = IntStream.rangeClosed(1, 64)
                .filter(d -> d <= 3 || d == 7 || d == 8 || d == 9 || d == 16 || d == 31 || d == 33 || d == 64).toArray();
        return Stream.of(Variant.values()).flatMap(v -> IntStream.of(dims).mapToObj(d -> Arguments.of(v, d)));
    }

    private static CpuBackend backend(Variant v) {
        return switch (v) {
            case DOUBLE -> dbl;
            case DOUBLE_VECTOR_API -> vec;
            case FLOAT -> flt;
        };
    }

    private static double tol(Variant v) {
        return v == Variant.FLOAT ? FLOAT_TOL : DOUBLE_TOL;
    }

    @ParameterizedTest(name = "{0} d={1}")
    @MethodSource("cases")
    void everyOperationAgreesWithTheNaiveLoops(Variant v, int d) {
        check(backend(v), tol(v), 21, 259, d);
    }

    /** Many parallel units, several blocks, both remainders. */
    @Test
    void largeCallsSplitOverThreadsAgreeToo() {
        check(dbl, DOUBLE_TOL, 203, 517, 16);
        check(vec, DOUBLE_TOL, 203, 517, 16);
        check(flt, FLOAT_TOL, 203, 517, 5);
    }

    /** Down to one point on either side. */
    @Test
    void tinyShapes() {
        for (int[] s : new int[][] {{1, 1}, {1, 5}, {5, 1}, {3, 4}, {4, 3}}) {
            check(dbl, DOUBLE_TOL, s[0], s[1], 3);
            check(vec, DOUBLE_TOL, s[0], s[1], 11);
            check(flt, FLOAT_TOL, s[0], s[1], 9);
        }
    }

    private static void check(CpuBackend backend, double tol, int n, int m, int d) {
        double[] a = BackendFixtures.points(n, d, 11L * d + n);
        double[] b = BackendFixtures.points(m, d, 13L * d + m);
        double[] v1 = BackendFixtures.values(m, 5);
        double[] v3 = BackendFixtures.values(3 * m, 6);
        double[] w = BackendFixtures.values(n, 7);
        for (Kernel k : BackendFixtures.kernels(d)) {
            String what = backend.description() + " " + k.kind() + " " + java.util.Arrays.toString(k.parameters())
                    + " n=" + n + " m=" + m + " d=" + d;

            double[] gram = new double[n * m];
            backend.gram(k, a, n, b, m, d, gram);
            assertClose(what + " gram", NaiveKernelAlgebra.gram(k, a, n, b, m, d), gram, null, tol);

            for (int c : new int[] {1, 3}) {
                double[] v = c == 1 ? v1 : v3;
                double[] mag = new double[n * c];
                double[] expected = NaiveKernelAlgebra.kernelTimes(k, a, n, b, m, d, v, c, mag);
                double[] out = filled(n * c + 2);
                backend.kernelTimes(k, a, n, b, m, d, v, c, out);
                assertClose(what + " kernelTimes c=" + c, expected, out, mag, tol);
                assertUntouched(what + " kernelTimes", out, n * c);
            }

            double[] mag = new double[n];
            double[] rows = filled(n + 1);
            backend.rowSums(k, a, n, b, m, d, rows);
            assertClose(what + " rowSums", NaiveKernelAlgebra.rowSums(k, a, n, b, m, d, mag), rows, mag, tol);
            assertUntouched(what + " rowSums", rows, n);

            double[] cmag = new double[m];
            double[] cols = filled(m + 1);
            backend.columnSums(k, a, n, b, m, d, cols);
            assertClose(what + " columnSums", NaiveKernelAlgebra.columnSums(k, a, n, b, m, d, cmag), cols, cmag, tol);
            assertUntouched(what + " columnSums", cols, m);

            for (double[] weights : new double[][] {null, w}) {
                double[] kmag = new double[m];
                double[] expected = NaiveKernelAlgebra.knmTransposeKnm(k, a, n, b, m, d, weights, v1, kmag);
                double[] out = filled(m + 1);
                backend.knmTransposeKnm(k, a, n, b, m, d, weights, v1, out);
                assertClose(what + " knmTransposeKnm w=" + (weights != null), expected, out, kmag, tol);
                assertUntouched(what + " knmTransposeKnm", out, m);
            }
        }
        for (FeatureMap.Form form : FeatureMap.Form.values()) {
            FeatureMap map = BackendFixtures.featureMap(form, d, m, 17L + d);
            double invSigma = 1.0 / (1.3 * Math.sqrt(d));
            double[] out = new double[n * map.outputDim()];
            backend.featureMap(map, invSigma, a, n, out);
            assertClose(backend.description() + " featureMap " + form + " d=" + d,
                    NaiveKernelAlgebra.featureMap(map, invSigma, a, n), out, null, tol * 10);
        }
    }

    private static double[] filled(int len) {
        double[] x = new double[len];
        java.util.Arrays.fill(x, 42.0);
        return x;
    }

    private static void assertUntouched(String what, double[] out, int from) {
        for (int i = from; i < out.length; i++) {
            if (out[i] != 42.0) {
                throw new AssertionError(what + ": wrote past its output range at " + i);
            }
        }
    }
}
