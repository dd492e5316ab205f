package io.witness.operators.nplm;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.nystrom.UniformCentres;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One NPLM test of a window against a reference pool, and the reference-vs-reference toys that
 * calibrate it (spec kernel-tests.md §C.1–§C.5, §C.6 items 1–3). All points are already standardised.
 *
 * <p><b>Exchangeability.</b> The pool holds {@code P} reference points and a window {@code N_D} points.
 * A live fit uses as reference a uniformly random subset of {@code n_ref = P − N_D} pool points (drawn
 * per window), the window as data, and {@code w = N_D/n_ref} (the DQM convention, §C.1: no rate
 * prediction). A toy partitions the pool uniformly at random into {@code n_ref} "reference" and
 * {@code N_D} "data" points. Under H0 both are i.i.d. samples of sizes (n_ref, N_D) from the reference
 * law, so each toy's t has exactly the null law of the live t — the toys are §C.5 option (a) drawn
 * from the pool, with nothing left to a sample-size approximation. Every fit draws new Nyström
 * centres uniformly from its N = n_ref + N_D points (§C.2).
 *
 * <p>Immutable and thread-safe.
 */
public final class NplmFitter {

    private final GaussianKernel kernel;
    private final int centres;
    private final FalkonLogisticSolver.Settings settings;

    /**
     * @param sigma    Gaussian width in standardised units
     * @param centres  M, at most the training-set size
     * @param settings the solver settings (NPLM: one Newton step)
     */
    public NplmFitter(double sigma, int centres, FalkonLogisticSolver.Settings settings) {
        this.kernel = new GaussianKernel(sigma);
        if (centres < 1) {
            throw new IllegalArgumentException("centres must be >= 1, got " + centres);
        }
        this.centres = centres;
        this.settings = settings;
    }

    public GaussianKernel kernel() {
        return kernel;
    }

    public int centres() {
        return centres;
    }

    public FalkonLogisticSolver.Settings settings() {
        return settings;
    }

    /** The reference points of one fit: {@code pool − window}. */
    public static int referenceCount(int pool, int window) {
        return pool - window;
    }

    /**
     * The outcome of one window test.
     *
     * @param t         NPLM's statistic
     * @param fit       the learnt f (centres, α) and f on the training rows (reference first, then the window)
     * @param nRef      reference points used
     * @param nData     window points
     * @param weight    w = N_D / n_ref
     */
    public record WindowTest(double t, FalkonFit fit, int nRef, int nData, double weight) {

        /** f on window row i. */
        public double fOnWindow(int i) {
            return fit.f()[nRef + i];
        }
    }

    /** Tests {@code window} ({@code nWindow × d}) against a random subset of {@code pool} ({@code nPool × d}). */
    public WindowTest test(ComputeBackend backend, double[] pool, int nPool, double[] window, int nWindow, int d,
                           long seed) {
        int nRef = referenceCount(nPool, nWindow);
        if (nRef < 1) {
            throw new IllegalArgumentException("pool of " + nPool + " points cannot hold a window of " + nWindow);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] subset = UniformCentres.select(nPool, nRef, rnd.nextLong());
        double[] x = new double[(nRef + nWindow) * d];
        for (int i = 0; i < nRef; i++) {
            System.arraycopy(pool, subset[i] * d, x, i * d, d);
        }
        System.arraycopy(window, 0, x, nRef * d, nWindow * d);
        return fit(backend, new TrainingSet(x, nRef, nWindow, d, (double) nWindow / nRef), rnd.nextLong());
    }

    /** One reference-vs-reference toy: t of a random (n_ref, N_D) partition of the pool. */
    public double toy(ComputeBackend backend, double[] pool, int nPool, int nWindow, int d, long seed) {
        int nRef = referenceCount(nPool, nWindow);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = UniformCentres.select(nPool, nPool, rnd.nextLong());
        double[] x = new double[nPool * d];
        for (int i = 0; i < nPool; i++) {
            System.arraycopy(pool, perm[i] * d, x, i * d, d);
        }
        return fit(backend, new TrainingSet(x, nRef, nWindow, d, (double) nWindow / nRef), rnd.nextLong()).t();
    }

    /** {@code toys} toys with seeds derived from {@code seed}, and their calibration. */
    public NplmNullCalibration calibrate(ComputeBackend backend, double[] pool, int nPool, int nWindow, int d,
                                         int toys, long seed, double fitLevel) {
        double[] t = new double[toys];
        for (int j = 0; j < toys; j++) {
            t[j] = toy(backend, pool, nPool, nWindow, d, SplitMix64.nth(seed, j));
        }
        return NplmNullCalibration.of(t, fitLevel);
    }

    /** Fits a training set with M centres drawn uniformly from its rows. */
    public WindowTest fit(ComputeBackend backend, TrainingSet set, long centreSeed) {
        int m = Math.min(centres, set.size());
        int[] rows = UniformCentres.select(set.size(), m, centreSeed);
        Arrays.sort(rows); // the order of the centres does not change f; sorted keeps K_MM reading the rows in order
        FalkonFit fit = FalkonLogisticSolver.fit(backend, kernel, set, rows, settings);
        return new WindowTest(finite(NplmStatistic.of(set, fit.f())), fit, set.nRef(), set.nData(), set.weight());
    }

    /**
     * t as a finite number: ±∞ (e^f overflowing on reference points, or f on data) become ±{@link
     * Double#MAX_VALUE}; NaN (∞ − ∞, a fit that broke down) becomes −MAX_VALUE — no evidence against the
     * reference, so p = 1 and no false alarm — so that calibration and p-values never see a non-number.
     */
    static double finite(double t) {
        if (Double.isNaN(t)) {
            return -Double.MAX_VALUE;
        }
        return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, t));
    }
}
