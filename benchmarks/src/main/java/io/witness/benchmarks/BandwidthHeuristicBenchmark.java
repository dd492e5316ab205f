package io.witness.benchmarks;

import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.KernelDistance;
import io.witness.operators.kernel.PairwiseDistanceSample;
import java.util.Arrays;
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
 * The median heuristic (spec kernel-tests.md §0.2) on n points, as KSD computes it at every window and
 * MMD-betting at every re-baseline, next to its baselines in the same run:
 * <ul>
 *   <li>{@code distancesOnly}: the n(n−1)/2 squared distances and their sum, nothing ranked (the floor);</li>
 *   <li>{@code distancesThenSort}: the same, then {@code Arrays.sort} and the middle values (what
 *       {@link PairwiseDistanceSample} did before it selected the ranks);</li>
 *   <li>{@code medianHeuristic}: {@code BandwidthHeuristics.median(PairwiseDistanceSample.of(...))} as the
 *       methods call it now (selection of the two middle ranks).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar BandwidthHeuristic -f 1 -wi 3 -i 5 -w 1 -r 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BandwidthHeuristicBenchmark {

    /** Points: KSD's default window (200, 500 with the fitted null's refits) and the cap of §0.2. */
    @Param({"200", "500", "1000"})
    public int n;

    private double[] x;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
    }

    private double[] distances() {
        double[] d2 = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d2[k++] = KernelDistance.SQUARED_EUCLIDEAN.between(x, i, x, j, 1);
            }
        }
        return d2;
    }

    @Benchmark
    public double distancesOnly() {
        double s = 0;
        for (double v : distances()) {
            s += v;
        }
        return s;
    }

    @Benchmark
    public double distancesThenSort() {
        double[] d2 = distances();
        double s = 0;
        for (double v : d2) {
            s += v;
        }
        Arrays.sort(d2);
        int h = d2.length / 2;
        double median = d2.length % 2 == 1 ? d2[h] : 0.5 * (d2[h - 1] + d2[h]);
        return Math.sqrt(median) + 1e-300 * s;
    }

    @Benchmark
    public double medianHeuristic() {
        return BandwidthHeuristics.median(PairwiseDistanceSample.of(x, n, 1, 3));
    }
}
