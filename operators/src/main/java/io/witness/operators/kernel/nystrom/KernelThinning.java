package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;

import java.util.SplittableRandom;

/**
 * Target kernel thinning (spec online-methods.md §E.2, Dwivedi &amp; Mackey 2021/2022): KT-SPLIT with the
 * target kernel k itself (not its square root, so any kernel here works), then optionally KT-SWAP.
 * Returns an unweighted coreset of {@code n >> rounds} input points whose empirical distribution is
 * close to the input's in MMD_k — about {@code n^{−1/2}} against i.i.d. subsampling's {@code n^{−1/4}}
 * for √n points. O(n²) kernel evaluations, O(n·d) memory; deterministic given the seed.
 */
public final class KernelThinning {

    /** The reference's default failure-probability parameter δ. */
    public static final double DEFAULT_DELTA = 0.5;

    private KernelThinning() {
    }

    /** KT-SPLIT then KT-SWAP with δ = 0.5: the reference {@code kt.thin} (indices may repeat). */
    public static int[] thin(Kernel k, double[] x, int n, int d, int rounds, long seed) {
        return thin(k, x, n, d, rounds, seed, true, false);
    }

    /**
     * @param rounds number of halving rounds r; the coreset has {@code n >> r} points
     * @param swap   run KT-SWAP (best candidate + one refinement sweep); otherwise the first KT-SPLIT
     *               candidate is returned
     * @param unique forbid repeated indices in the refinement sweep (KT-SPLIT never repeats)
     * @return row indices into x
     */
    public static int[] thin(Kernel k, double[] x, int n, int d, int rounds, long seed, boolean swap, boolean unique) {
        int[][] candidates = KtSplit.split(k, x, n, d, rounds, DEFAULT_DELTA, new SplittableRandom(seed));
        if (!swap) {
            return candidates[0].clone();
        }
        double[] rowMeans = KtSwap.rowMeans(k, x, n, d);
        int[] coreset = KtSwap.best(k, x, n, d, candidates, rowMeans);
        KtSwap.refine(k, x, n, d, coreset, rowMeans, unique);
        return coreset;
    }

    /** All {@code 2^rounds} KT-SPLIT candidate coresets (for callers that want a partition). */
    public static int[][] split(Kernel k, double[] x, int n, int d, int rounds, long seed) {
        return KtSplit.split(k, x, n, d, rounds, DEFAULT_DELTA, new SplittableRandom(seed));
    }
}
