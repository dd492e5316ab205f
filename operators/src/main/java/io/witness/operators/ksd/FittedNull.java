package io.witness.operators.ksd;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The null distribution of a window's statistic when the model was <em>fitted</em> on a reference of m
 * events (spec §B.6): a parametric bootstrap that refits. The wild and multinomial bootstraps treat the
 * model as known; a fitted model is closer to its own reference than to the truth by O(1/√m), and a
 * window of n events sees that error with weight n/m, so they reject too often (measured: 4-D
 * two-component mixture, m = 4,000, n = 500, α = 0.01: 2.7 % of windows; operators/README.md).
 *
 * <p>Draw r of B: a reference of m events and a window of n events, both sampled from the fitted model
 * θ̂; the family refitted on that reference by the real fit's estimator, θ̂*_r ({@link ModelFitting#refit}:
 * exact for the Gaussian; for a mixture the maximum-likelihood EM fit, run from θ̂ to the real fit's
 * convergence rule); the statistic of the window against θ̂*_r. A live window's p-value is
 * {@code (1 + #{T*_r ≥ T}) / (B + 1)}. The table depends only on θ̂, m, n, the test and the seed, so it is
 * computed once per fitted model (at its first window) and kept, sorted, in the key's state: a window then
 * costs one statistic (no bootstrap). Valid to the order of the parametric bootstrap (θ̂ for θ₀, i.i.d.
 * events; Stute, González-Manteiga &amp; Presedo-Quindimil 1993) provided the real fit is the maximum-likelihood
 * fit the draws' refits are: a fit stuck in a poorer local maximum (the single k-means++ start of earlier
 * builds, 1–2 % of references) fails all its key's windows, an excess no bootstrap of the global fit
 * reproduces — hence {@link ModelFitting#STARTS}. Cost once per fit B × (sampling m + n events, the refit,
 * one statistic).
 */
public final class FittedNull {

    private final double[] sorted;

    private FittedNull(double[] sorted) {
        this.sorted = sorted;
    }

    /**
     * @param fitted    θ̂ (a per-key or reference-file fit)
     * @param reference m, the events θ̂ was fitted on
     * @param window    n, the events of a tested window
     * @param draws     B
     */
    public static FittedNull simulate(GaussianMixtureModel fitted, int reference, int window, GofTest test, int draws,
                                      long seed) {
        int d = fitted.dimension();
        double[] t = new double[draws];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < draws; r++) {
            SplittableRandom draw = rng.split();
            double[] ref = fitted.sample(reference, draw);
            GaussianMixtureModel refit = ModelFitting.refit(fitted, ref, reference, d);
            double[] x = fitted.sample(window, draw);
            t[r] = test.nullStatistic(x, window, refit, fitted, draw);
        }
        Arrays.sort(t);
        return new FittedNull(t);
    }

    public int draws() {
        return sorted.length;
    }

    /** {@code (1 + #{T* ≥ t}) / (B + 1)}: never 0, valid for a T exchangeable with the draws. */
    public double pValue(double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {       // first index with sorted[i] >= t
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (1.0 + sorted.length - lo) / (sorted.length + 1.0);
    }

    public int stateBytes() {
        return 4 + 8 * sorted.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(sorted.length);
        StateOutput.writeDoubles(out, sorted, 0, sorted.length);
    }

    public static FittedNull read(DataInput in, int maxDraws) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > maxDraws) {
            throw new IOException("fitted-model null of " + n + " draws (at most " + maxDraws + ")");
        }
        double[] t = new double[n];
        StateInput.readDoubles(in, t, 0, n);
        for (int i = 1; i < n; i++) {
            if (!(t[i - 1] <= t[i])) {
                throw new IOException("fitted-model null is not sorted at draw " + i);
            }
        }
        return new FittedNull(t);
    }
}
