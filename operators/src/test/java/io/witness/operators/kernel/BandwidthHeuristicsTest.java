package io.witness.operators.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Spec kernel-tests.md §0.2 conventions, by hand and against the known law of N(0, I₂) distances. */
class BandwidthHeuristicsTest {

    private static PairwiseDistanceSample line(double... p) {
        return PairwiseDistanceSample.of(p, p.length, 1, 0);
    }

    @Test
    void oddPairCountByHand() {
        // 0, 1, 3: distances 1, 2, 3
        PairwiseDistanceSample s = line(0, 1, 3);
        assertThat(s.pairs()).isEqualTo(3);
        assertThat(BandwidthHeuristics.medianSquared(s)).isEqualTo(4.0);
        assertThat(BandwidthHeuristics.median(s)).isEqualTo(2.0);
        assertThat(BandwidthHeuristics.percentile(s, 90)).isCloseTo(2.8, within(1e-15)); // 2 + 0.8·(3 − 2)
        assertThat(BandwidthHeuristics.percentile(s, 0)).isEqualTo(1.0);
        assertThat(BandwidthHeuristics.percentile(s, 100)).isEqualTo(3.0);
    }

    @Test
    void evenPairCountByHand() {
        // 0, 1, 3, 7: distances 1, 2, 3, 4, 6, 7 — numpy: median of squares (9+16)/2, percentile(·, 90) = 6.5
        PairwiseDistanceSample s = line(0, 1, 3, 7);
        assertThat(BandwidthHeuristics.medianSquared(s)).isEqualTo(12.5);
        assertThat(BandwidthHeuristics.percentile(s, 90)).isCloseTo(6.5, within(1e-15));
        assertThat(BandwidthHeuristics.nplm(s)).isEqualTo(6.5);
    }

    @Test
    void nplmRoundsToOneDecimal() {
        // 0, 1, 2.93: distances 1, 1.93, 2.93 → 90th percentile 1.93 + 0.8·1.0 = 2.73
        PairwiseDistanceSample s = line(0, 1, 2.93);
        assertThat(BandwidthHeuristics.percentile(s, 90)).isCloseTo(1.93 + 0.8, within(1e-12));
        assertThat(BandwidthHeuristics.nplm(s)).isEqualTo(2.7);
        // all distances below 0.05: rounding would give 0, the unrounded value is kept
        assertThat(BandwidthHeuristics.nplm(line(0, 0.01, 0.02))).isCloseTo(0.018, within(1e-12));
    }

    @Test
    void degenerateSamplesFallBack() {
        // 0,0,0,0,1: six zero distances of ten → zero median → mean squared distance 4/10
        PairwiseDistanceSample s = line(0, 0, 0, 0, 1);
        assertThat(BandwidthHeuristics.medianSquared(s)).isCloseTo(0.4, within(1e-15));
        assertThat(BandwidthHeuristics.percentile(s, 50)).isCloseTo(0.4, within(1e-15));
        assertThat(BandwidthHeuristics.nplm(s)).isEqualTo(1.0);
        PairwiseDistanceSample constant = line(2, 2, 2);
        assertThat(BandwidthHeuristics.medianSquared(constant)).isEqualTo(BandwidthHeuristics.CONSTANT_DATA_SIGMA2);
        assertThat(BandwidthHeuristics.percentile(constant, 90)).isEqualTo(1.0);
    }

    @Test
    void largeSamplesAreSubsampledWithTheSeed() {
        double[] x = gaussian(5000, 2, 3);
        PairwiseDistanceSample a = PairwiseDistanceSample.of(x, 5000, 2, 42);
        PairwiseDistanceSample b = PairwiseDistanceSample.of(x, 5000, 2, 42);
        PairwiseDistanceSample c = PairwiseDistanceSample.of(x, 5000, 2, 43);
        assertThat(a.points()).isEqualTo(PairwiseDistanceSample.MAX_POINTS);
        assertThat(a.pairs()).isEqualTo(1000 * 999 / 2);
        assertThat(a.medianSquared()).isEqualTo(b.medianSquared());
        assertThat(a.medianSquared()).isNotEqualTo(c.medianSquared());
    }

    @Test
    void matchesTheLawOfGaussianDistances() {
        // x, x' ~ N(0, I₂): ‖x−x'‖² ~ Exponential(mean 4), so median ‖·‖² = 4 ln 2 and the 90th
        // percentile of ‖·‖ is √(4 ln 10). Over 100 numpy replications with 1 000 points the estimates'
        // SDs were 0.089 and 0.044; the tolerances are 4 of those SDs.
        PairwiseDistanceSample s = PairwiseDistanceSample.of(gaussian(20_000, 2, 5), 20_000, 2, 9);
        assertThat(BandwidthHeuristics.medianSquared(s)).isCloseTo(4 * Math.log(2), within(4 * 0.089));
        assertThat(BandwidthHeuristics.median(s)).isCloseTo(Math.sqrt(4 * Math.log(2)), within(0.11));
        assertThat(BandwidthHeuristics.percentile(s, 90)).isCloseTo(Math.sqrt(4 * Math.log(10)), within(4 * 0.044));
    }

    @Test
    void selectedOrderStatisticsEqualTheSortedArraysBitForBit() {
        // The class selects ranks instead of sorting; the values must be exactly the sorted array's, for
        // odd and even pair counts, with ties, and in any order of queries on one sample.
        for (int n : new int[] {2, 3, 4, 7, 40, PairwiseDistanceSample.MAX_POINTS}) {
            double[] x = gaussian(n, 2, n);
            for (int i = 0; i < x.length; i += 5) {
                x[i] = Math.rint(x[i]);   // ties among the distances
            }
            double[] sorted = sortedSquaredDistances(x, n, 2);
            int h = sorted.length / 2;
            double median = sorted.length % 2 == 1 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
            for (double q : new double[] {0, 10, 50, 90, 99.9, 100}) {
                double pos = q / 100.0 * (sorted.length - 1);
                int lo = (int) Math.floor(pos);
                double a = Math.sqrt(sorted[lo]);
                double b = Math.sqrt(sorted[Math.min(lo + 1, sorted.length - 1)]);
                PairwiseDistanceSample s = PairwiseDistanceSample.of(x, n, 2, 1);
                assertThat(s.percentileDistance(q)).as("n=%d q=%s", n, q).isEqualTo(a + (pos - lo) * (b - a));
                assertThat(s.medianSquared()).as("median after a percentile, n=%d", n).isEqualTo(median);
                assertThat(s.percentileDistance(q)).as("repeated, n=%d q=%s", n, q).isEqualTo(a + (pos - lo) * (b - a));
            }
        }
    }

    private static double[] sortedSquaredDistances(double[] x, int n, int d) {
        double[] d2 = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d2[k++] = KernelDistance.SQUARED_EUCLIDEAN.between(x, i * d, x, j * d, d);
            }
        }
        java.util.Arrays.sort(d2);
        return d2;
    }

    @Test
    void medianHeuristicIsTheMedianSquaredRule() {
        double[] rows = gaussian(3000, 3, 8);
        // SKIT calls it on a block of a wider row: columns 1..2 of rows of stride 3
        double viaSkit = MedianHeuristic.sigmaSquared(rows, 3000, 3, 1, 2, 77);
        double viaRule = BandwidthHeuristics.medianSquared(PairwiseDistanceSample.of(rows, 3000, 3, 1, 2, 77));
        assertThat(viaSkit).isEqualTo(viaRule);
    }

    static double[] gaussian(int n, int d, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.next();
        }
        return x;
    }
}
