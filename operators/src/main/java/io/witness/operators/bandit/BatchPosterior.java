package io.witness.operators.bandit;

/**
 * The GP posterior BPE-Delay needs inside one batch (spec online-methods.md §B.2): a variance that
 * depends only on the points played in this batch (no rewards needed), and at the end of the batch the
 * mean and standard deviation from the rewards that arrived. Two implementations compute the same
 * numbers: {@link PlayPosterior} (one Cholesky row per play, for large grids) and
 * {@link ArmCountsPosterior} (per-arm counts, O(K²) state, for the service's few actions).
 */
public interface BatchPosterior {

    /** Starts a batch over these candidate arms: forgets every play and every arrival. */
    void startBatch(int[] candidates);

    /** Records a play of {@code arm} for the variance (its reward is not needed). */
    void addPlay(int arm);

    /** Posterior variance at {@code arm} given this batch's plays so far. */
    double variance(int arm);

    /** An arrived reward of a play of {@code arm} that the elimination may use. */
    void observe(int arm, double y);

    /** Posterior mean and standard deviation of every candidate from the observed rewards, indexed by arm. */
    void fit(double[] meanOut, double[] sdOut);
}
