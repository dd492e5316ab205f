package io.witness.benchmarks.compute;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;
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
 * The product of one Falkon conjugate-gradient step, {@code K_nmᵀ (w ∘ K_nm v)}, Gaussian kernel,
 * m = 10⁴ centres, d = 8 (the GPU target is n = 10⁶ at ≥ 10× the CPU backend:
 * {@code -p n=1000000 -p backend=cpu,cuda}). {@code ·flops} in GFLOP/s; the time per product is the
 * flop count of {@link FlopCount#falkon} divided by it.
 * With {@code backend=cuda} and no device the trial fails at set-up with the probe's reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class FalkonProductBenchmark {

    @Param({"20000"})
    public int n;

    @Param({"10000"})
    public int m;

    @Param({"8"})
    public int d;

    @Param({"cpu-plain", "cpu-vector", "cuda"})
    public String backend;

    @Param({"DOUBLE"})
    public String precision;

    private ComputeBackend be;
    private Kernel k;
    private double[] x;
    private double[] centres;
    private double[] w;
    private double[] v;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        be = BackendUnderTest.open(backend, precision);
        k = new GaussianKernel(Math.sqrt(d));
        SplittableRandom r = new SplittableRandom(7);
        x = uniform(r, n * d);
        centres = uniform(r, m * d);
        w = uniform(r, n);
        v = uniform(r, m);
        out = new double[m];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        be.close();
    }

    private static double[] uniform(SplittableRandom r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble(-2, 2);
        }
        return a;
    }

    @Benchmark
    public double[] knmTransposeKnm(Flops flops) {
        be.knmTransposeKnm(k, x, n, centres, m, d, w, v, out);
        flops.flops += FlopCount.falkon(k.kind(), n, m, d);
        return out;
    }
}
