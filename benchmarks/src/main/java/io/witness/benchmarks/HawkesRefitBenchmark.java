package io.witness.benchmarks;

import io.witness.operators.hawkes.ExponentialHawkesLikelihood;
import io.witness.operators.hawkes.FadinSolver;
import io.witness.operators.hawkes.FadinStatistics;
import io.witness.operators.hawkes.HawkesGrid;
import io.witness.operators.hawkes.HawkesParameters;
import io.witness.operators.hawkes.HawkesSufficientStats;
import io.witness.operators.hawkes.KernelFamily;
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
 * A FaDIn refit does not depend on the number of events (spec §A.4): for a 3-type record of N events
 * (N = 10⁵ … 10⁷; Δ = 1 s, W = 30 s, L = 30), in the same run:
 * <ul>
 *   <li>{@code fadinRefit}: 20 block iterations of {@link FadinSolver} from a fixed start, on the
 *       statistics of the record (built once in the setup, O(N·p·L));</li>
 *   <li>{@code exponentialLogLikelihood}: ONE evaluation of the exact exponential-kernel
 *       log-likelihood of the same events (O(N·p²) recursion, spec §A.8) — a maximum-likelihood fit
 *       needs one such pass per iteration (tens to hundreds).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar HawkesRefit -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HawkesRefitBenchmark {

    @Param({"100000", "1000000", "10000000"})
    public int events;

    private static final int P = 3;
    private final HawkesGrid grid = new HawkesGrid(1.0, 30);
    private FadinStatistics stats;
    private double[] times;
    private int[] types;
    private FadinSolver solver;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        times = new double[events];
        types = new int[events];
        HawkesSufficientStats s = new HawkesSufficientStats(P, grid.support(), 0, 1.0);
        double t = 0;
        for (int n = 0; n < events; n++) {
            // bursts: a third of the events follow the previous one within ~5 s
            t += r.nextDouble() < 0.33 ? 2 + 6 * r.nextDouble() : -Math.log(1 - r.nextDouble()) * 3;
            times[n] = t;
            types[n] = r.nextInt(P);
            s.add(types[n], (long) Math.rint(t / grid.delta()));
        }
        stats = s.snapshot(s.newestBin(), grid.delta());
        solver = new FadinSolver(KernelFamily.TRUNCATED_GAUSSIAN, grid, 0.01);
    }

    private HawkesParameters start() {
        double[] eta = new double[P * P * 2];
        for (int ij = 0; ij < P * P; ij++) {
            eta[2 * ij] = 5;
            eta[2 * ij + 1] = 3;
        }
        return new HawkesParameters(KernelFamily.TRUNCATED_GAUSSIAN, new double[P], new double[P * P], eta);
    }

    @Benchmark
    public double fadinRefit() {
        HawkesParameters th = start();
        double[] rms = new double[P * P * 2];
        // PATIENCE does not stop 20 iterations from this start (measured: the loss still decreases)
        return solver.refit(th, rms, stats, 20);
    }

    @Benchmark
    public double exponentialLogLikelihood() {
        double[] mu = {0.1, 0.1, 0.1};
        double[][] alpha = {{0.2, 0.1, 0.1}, {0.1, 0.2, 0.1}, {0.1, 0.1, 0.2}};
        double[][] beta = {{0.2, 0.2, 0.2}, {0.2, 0.2, 0.2}, {0.2, 0.2, 0.2}};
        return ExponentialHawkesLikelihood.evaluate(times, types, times[events - 1], mu, alpha, beta).logLikelihood();
    }
}
