package io.witness.benchmarks.compute;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.KernelKind;
import io.witness.operators.kernel.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Gram block K(A, B) and the fused product K(A, B)·v for n × m points in d dimensions, in GFLOP/s
 * ({@code ·flops}, counted as {@link FlopCount} says), to be read against {@link PeakFlopsBenchmark} of
 * the same run. One calling thread: the backend spreads the work over its own pool.
 *
 * <p>A Gram block larger than 2²⁴ entries is computed as consecutive row blocks of that size into one
 * reused buffer (the whole of K for 10⁵ × 10⁴ would be 8 GB). The largest shape is a separate parameter
 * value: {@code -p shape=100000x10000x64}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class KernelBlockBenchmark {

    @Param({"1000x100x2", "1000x100x16", "1000x1000x16", "10000x1000x16", "10000x1000x64"})
    public String shape;

    /** {@code cpu-plain} (auto-vectorised loops), {@code cpu-vector} (Vector API kernels), {@code cuda}. */
    @Param({"cpu-plain", "cpu-vector"})
    public String backend;

    @Param({"DOUBLE", "FLOAT"})
    public String precision;

    @Param({"gaussian"})
    public String kernel;

    private static final int GRAM_BLOCK = 1 << 24;

    private ComputeBackend be;
    private Kernel k;
    private int n;
    private int m;
    private int d;
    private double[][] aBlocks;
    private int[] blockRows;
    private double[] a;
    private double[] b;
    private double[] v;
    private double[] gramOut;
    private double[] kvOut;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = BackendUnderTest.shape(shape);
        n = s[0];
        m = s[1];
        d = s[2];
        be = BackendUnderTest.open(backend, precision);
        k = Kernels.of(KernelKind.parse(kernel), Math.sqrt(d));
        SplittableRandom r = new SplittableRandom(42);
        a = gaussian(r, n * d);
        b = gaussian(r, m * d);
        v = gaussian(r, m);
        kvOut = new double[n];
        int rows = Math.max(1, Math.min(n, GRAM_BLOCK / m));
        int blocks = (n + rows - 1) / rows;
        aBlocks = new double[blocks][];
        blockRows = new int[blocks];
        for (int q = 0; q < blocks; q++) {
            int r0 = q * rows;
            blockRows[q] = Math.min(rows, n - r0);
            aBlocks[q] = java.util.Arrays.copyOfRange(a, r0 * d, (r0 + blockRows[q]) * d);
        }
        gramOut = new double[rows * m];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        be.close();
    }

    private static double[] gaussian(SplittableRandom r, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return x;
    }

    @Benchmark
    public double[] gram(Flops flops) {
        for (int q = 0; q < aBlocks.length; q++) {
            be.gram(k, aBlocks[q], blockRows[q], b, m, d, gramOut);
        }
        flops.flops += FlopCount.gram(k.kind(), n, m, d);
        return gramOut;
    }

    @Benchmark
    public double[] kernelTimesVector(Flops flops) {
        be.kernelTimes(k, a, n, b, m, d, v, 1, kvOut);
        flops.flops += FlopCount.kernelTimes(k.kind(), n, m, d, 1);
        return kvOut;
    }
}
