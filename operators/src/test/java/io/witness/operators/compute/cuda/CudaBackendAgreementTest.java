package io.witness.operators.compute.cuda;

import static io.witness.operators.compute.BackendFixtures.assertClose;

import io.witness.operators.compute.BackendFixtures;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.NaiveKernelAlgebra;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * CUDA against the CPU backend (double) within float tolerance, every operation and kernel family, for
 * dimensions on both sides of each register specialisation (8, 16, 32, 64, then the generic kernel),
 * and sizes that cross the pipeline's chunks (both streams) and the shared-memory tiles. Runs where a
 * CUDA device answers the probe; elsewhere every test is skipped with the probe's reason.
 */
class CudaBackendAgreementTest {

    /** Float: a few float ulps of each term; the double device path is held to the same bound. */
    static final double TOL = 2e-5;

    static CpuBackend reference;
    static CudaBackend dbl;
    static CudaBackend flt;

    /** Skips each test, with the probe's reason, where there is no device; opens the backends once. */
    @BeforeEach
    void needsADevice() {
        CudaProbe.Result probe = CudaProbe.result();
        Assumptions.assumeTrue(probe.available(), "no CUDA device, CUDA test skipped: " + probe.reason());
        if (dbl == null) {
            reference = new CpuBackend(Runtime.getRuntime().availableProcessors(), Precision.DOUBLE);
            dbl = new CudaBackend(Precision.DOUBLE);
            flt = new CudaBackend(Precision.FLOAT);
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {reference, dbl, flt}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing more to release
                }
            }
        }
    }

    static Stream<Arguments> dims() {
        return Stream.of(Precision.values())
                .flatMap(p -> IntStream.of(1, 2, 3, 8, 9, 16, 17, 33, 64, 65, 70).mapToObj(d -> Arguments.of(p, d)));
    }

    private static CudaBackend cuda(Precision p) {
        return p == Precision.FLOAT ? flt : dbl;
    }

    @ParameterizedTest(name = "{0} d={1}")
    @MethodSource("dims")
    void everyOperationAgreesWithTheCpu(Precision p, int d) {
        compare(cuda(p), 67, 301, d, 3);
    }

    /** More rows than one pipeline chunk (two streams in turn) and more Gram rows than one chunk. */
    @Test
    void chunkedCallsAgreeToo() {
        compare(dbl, CudaBackend.CHUNK_ROWS * 2 + 77, 41, 3, 2);
        compare(flt, CudaBackend.CHUNK_ROWS + 5, 29, 5, 1);
        int m = 3001;
        int n = (int) (CudaBackend.GRAM_CHUNK / m) * 2 + 3;
        double[] a = BackendFixtures.points(n, 4, 1);
        double[] b = BackendFixtures.points(m, 4, 2);
        for (Kernel k : BackendFixtures.kernels(4)) {
            double[] expected = new double[n * m];
            reference.gram(k, a, n, b, m, 4, expected);
            double[] got = new double[n * m];
            flt.gram(k, a, n, b, m, 4, got);
            assertClose("chunked gram " + k.kind(), expected, got, null, TOL);
        }
    }

    /** Buffers grow and are reused: a large call, then a small one, then a large one again. */
    @Test
    void buffersAreReusedAcrossCallsOfDifferentSizes() {
        compare(dbl, 900, 700, 12, 2);
        compare(dbl, 3, 2, 12, 1);
        compare(dbl, 1000, 650, 12, 5);
    }

    /** The naive loops agree with the device too (not only via the CPU backend). */
    @Test
    void smallCaseAgainstTheNaiveLoops() {
        int n = 19;
        int m = 23;
        int d = 5;
        double[] a = BackendFixtures.points(n, d, 3);
        double[] b = BackendFixtures.points(m, d, 4);
        for (Kernel k : BackendFixtures.kernels(d)) {
            double[] got = new double[n * m];
            dbl.gram(k, a, n, b, m, d, got);
            assertClose("naive gram " + k.kind(), NaiveKernelAlgebra.gram(k, a, n, b, m, d), got, null, 1e-12);
        }
    }

    private static void compare(ComputeBackend gpu, int n, int m, int d, int c) {
        double[] a = BackendFixtures.points(n, d, 31L * d + n);
        double[] b = BackendFixtures.points(m, d, 37L * d + m);
        double[] v = BackendFixtures.values(m * c, 8);
        double[] w = BackendFixtures.values(n, 9);
        for (Kernel k : BackendFixtures.kernels(d)) {
            String what = gpu.description() + " " + k.kind() + " n=" + n + " m=" + m + " d=" + d;
            if ((long) n * m <= 4_000_000L) {
                double[] e = new double[n * m];
                double[] g = new double[n * m];
                reference.gram(k, a, n, b, m, d, e);
                gpu.gram(k, a, n, b, m, d, g);
                assertClose(what + " gram", e, g, null, TOL);
            }
            double[] mag = magnitudes(k, a, n, b, m, d, v, c);
            double[] e = new double[n * c];
            double[] g = new double[n * c];
            reference.kernelTimes(k, a, n, b, m, d, v, c, e);
            gpu.kernelTimes(k, a, n, b, m, d, v, c, g);
            assertClose(what + " kernelTimes c=" + c, e, g, mag, TOL);

            double[] rowMag = new double[n];
            reference.rowSums(k, a, n, b, m, d, rowMag);
            double[] er = new double[n];
            double[] gr = new double[n];
            reference.rowSums(k, a, n, b, m, d, er);
            gpu.rowSums(k, a, n, b, m, d, gr);
            assertClose(what + " rowSums", er, gr, rowMag, TOL);

            double[] colMag = new double[m];
            reference.columnSums(k, a, n, b, m, d, colMag);
            double[] ec = new double[m];
            double[] gc = new double[m];
            reference.columnSums(k, a, n, b, m, d, ec);
            gpu.columnSums(k, a, n, b, m, d, gc);
            assertClose(what + " columnSums", ec, gc, colMag, TOL);

            double[] absW = new double[n];
            for (int i = 0; i < n; i++) {
                absW[i] = Math.abs(w[i]);
            }
            double[] absV = new double[m];
            double[] v1 = BackendFixtures.values(m, 8);
            for (int j = 0; j < m; j++) {
                absV[j] = Math.abs(v1[j]);
            }
            // every kernel here is positive: K_nmᵀ(|w| ∘ K_nm |v|) is the sum of the terms' magnitudes
            double[] kmag = new double[m];
            reference.knmTransposeKnm(k, a, n, b, m, d, absW, absV, kmag);
            for (double[] weights : new double[][] {null, w}) {
                double[] ek = new double[m];
                double[] gk = new double[m];
                reference.knmTransposeKnm(k, a, n, b, m, d, weights, v1, ek);
                gpu.knmTransposeKnm(k, a, n, b, m, d, weights, v1, gk);
                assertClose(what + " knmTransposeKnm w=" + (weights != null), ek, gk, kmag, TOL);
            }
        }
        for (FeatureMap.Form form : FeatureMap.Form.values()) {
            FeatureMap map = BackendFixtures.featureMap(form, d, 129, 3L + d);
            double invSigma = 1.0 / (1.3 * Math.sqrt(d));
            double[] e = new double[n * map.outputDim()];
            double[] g = new double[n * map.outputDim()];
            reference.featureMap(map, invSigma, a, n, e);
            gpu.featureMap(map, invSigma, a, n, g);
            assertClose(gpu.description() + " featureMap " + form + " d=" + d, e, g, null, TOL * 10);
        }
    }

    /** Σ_j |k(a_i, b_j) v_j| per output: the scale of each sum's rounding error. */
    private static double[] magnitudes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c) {
        double[] absV = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            absV[i] = Math.abs(v[i]);
        }
        double[] mag = new double[n * c];
        reference.kernelTimes(k, a, n, b, m, d, absV, c, mag);
        for (int i = 0; i < mag.length; i++) {
            mag[i] = Math.abs(mag[i]);
        }
        return mag;
    }
}
