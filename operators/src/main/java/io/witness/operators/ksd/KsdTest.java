package io.witness.operators.ksd;

import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.PairwiseDistanceSample;

import java.util.SplittableRandom;

/**
 * One fixed-n KSD goodness-of-fit test of a sample against a model (spec §B.2–B.3): scores, the Stein
 * Gram matrix, the U- or V-statistic and its bootstrap p-value, plus what the explanation needs (each
 * point's row sum {@code Σ_{j≠i} H_ij} and each coordinate's share of the statistic).
 *
 * @param base       base kernel of the Stein kernel
 * @param bandwidth  ℓ (IMQ) or σ (Gaussian); NaN for the median heuristic on the tested sample
 *                   ({@code √(median ‖x_i − x_j‖²)}, the pKSD convention of §0.2)
 * @param statistic  U or V
 * @param bootstrap  multinomial (U only) or wild
 * @param draws      bootstrap draws B
 * @param flipChance wild bootstrap change probability (0 = i.i.d. Rademacher)
 */
public record KsdTest(SteinKernel.Base base, double bandwidth, KsdStatistic statistic, KsdBootstrap.Kind bootstrap,
                      int draws, double flipChance) {

    public KsdTest {
        if (!KsdBootstrap.supports(bootstrap, statistic)) {
            throw new IllegalArgumentException("the multinomial bootstrap calibrates the U-statistic only");
        }
    }

    /** What one test found. */
    public record Result(double statistic, double pValue, double bandwidth, double[] rowSums,
                         double[] coordinateShares) {
    }

    /** The Stein kernel for a sample: the fixed bandwidth, or the median heuristic on the sample. */
    public SteinKernel kernelFor(double[] x, int n, int d, long seed) {
        double b = Double.isNaN(bandwidth) ? BandwidthHeuristics.median(PairwiseDistanceSample.of(x, n, d, seed))
                : bandwidth;
        return SteinKernel.of(base, b);
    }

    /** Tests the n rows of the row-major {@code x} against {@code model}; {@code rng} drives the bootstrap. */
    public Result run(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return compute(x, n, model, rng, true);
    }

    /** As {@link #run} without the bootstrap: the p-value is NaN (the caller calibrates). */
    public Result measure(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return compute(x, n, model, rng, false);
    }

    /**
     * The statistic alone (no bootstrap, no explanation), as {@link #measure} computes it: one draw of
     * the refit null ({@link FittedNull}).
     */
    public double statistic(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        int d = model.dimension();
        SteinKernel k = kernelFor(x, n, d, rng.nextLong());
        return statistic.of(SteinGram.matrix(x, model.scores(x, n), n, d, k, null), n);
    }

    private Result compute(double[] x, int n, ScoreModel model, SplittableRandom rng, boolean calibrate) {
        int d = model.dimension();
        if (n < 2) {
            throw new IllegalArgumentException("a KSD test needs at least 2 points");
        }
        SteinKernel k = kernelFor(x, n, d, rng.nextLong());
        double[] s = model.scores(x, n);
        double[] coords = new double[d];
        double[] h = SteinGram.matrix(x, s, n, d, k, coords);
        double t = statistic.of(h, n);
        double p = calibrate ? KsdBootstrap.pValue(bootstrap, statistic, h, n, t, draws, flipChance, rng) : Double.NaN;
        double[] rows = new double[n];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    r += h[i * n + j];
                }
            }
            rows[i] = r;
        }
        double norm = (double) n * (n - 1);
        for (int a = 0; a < d; a++) {
            coords[a] /= norm;
        }
        return new Result(t, p, k.bandwidth(), rows, coords);
    }
}
