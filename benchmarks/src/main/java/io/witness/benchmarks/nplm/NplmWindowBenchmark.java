package io.witness.benchmarks.nplm;

import io.witness.operators.compute.BackendMode;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.ComputeBackends;
import io.witness.operators.compute.Precision;
import io.witness.operators.nplm.FalkonLogisticSolver;
import io.witness.operators.nplm.KnmMode;
import io.witness.operators.nplm.NplmFitter;
import io.witness.operators.nplm.ReferenceModel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code nplm} window test: a logistic-Falkon fit of a window of N_D events against
 * P − N_D reference events (one Newton step, CG to NPLM's tolerance) and t — what each window costs,
 * and 1/{@code null-toys} of what calibrating a reference costs (a toy is the same fit). Data N(0, I_d),
 * σ by NPLM's rule, M = ⌈√P⌉ (the defaults), the JVM's shared CPU backend.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar NplmWindow -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class NplmWindowBenchmark {

    /** "P/window": the defaults, and a 5× larger reference and window. */
    @Param({"2000/200", "10000/1000"})
    public String size;

    @Param({"2", "8"})
    public int d;

    @Param({"materialised", "streamed"})
    public String knm;

    private ComputeBackend backend;
    private ReferenceModel ref;
    private NplmFitter fitter;
    private double[] window;
    private int nWindow;
    private long seed;

    @Setup
    public void setUp() {
        String[] s = size.split("/");
        int pool = Integer.parseInt(s[0]);
        nWindow = Integer.parseInt(s[1]);
        SplittableRandom r = new SplittableRandom(7);
        double[] raw = new double[pool * d];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = gauss(r);
        }
        ref = ReferenceModel.learn(raw, pool, d, true, Double.NaN, 1);
        window = new double[nWindow * d];
        for (int i = 0; i < window.length; i++) {
            window[i] = gauss(r);
        }
        backend = ComputeBackends.shared(BackendMode.CPU, Precision.DOUBLE).backend();
        FalkonLogisticSolver.Settings st = new FalkonLogisticSolver.Settings(1e-6, 1,
                FalkonLogisticSolver.NPLM_CG_TOLERANCE, 1000, KnmMode.valueOf(knm.toUpperCase(java.util.Locale.ROOT)));
        fitter = new NplmFitter(ref.sigma(), (int) Math.ceil(Math.sqrt(pool)), st);
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Benchmark
    public double windowTest() {
        return fitter.test(backend, ref.pool(), ref.size(), window, nWindow, d, seed++).t();
    }
}
