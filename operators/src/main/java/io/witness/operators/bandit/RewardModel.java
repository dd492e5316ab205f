package io.witness.operators.bandit;

import java.io.DataOutput;
import java.io.IOException;

/**
 * The posterior GP-UCB and IGP-UCB act on, with pending plays held as hallucinated observations
 * ("kriging believer", GP-BUCB; spec online-methods.md §B.4 "delays in a stream"): a play enters the
 * model at once with its own posterior mean as placeholder reward. Conditioning on an observation equal
 * to the current mean leaves the mean everywhere unchanged and only shrinks the variance — the
 * information the play will bring — so a pending play steers the next decisions away from repeating it
 * without moving any estimate. The real reward overwrites the placeholder; a reward that never comes
 * removes the observation again, so nothing stays counted that was never observed.
 */
interface RewardModel {

    /** Posterior at {@code x[off..off+d)}; the estimate may carry what {@link #addPending} reuses. */
    Estimate at(double[] x, int off);

    /** Adds the play of x with its placeholder reward. */
    void addPending(double[] x, int off, Estimate estimate, double placeholder, long ticket);

    /** Replaces the placeholder of this decision by its reward; false when the observation is gone (window). */
    boolean setReward(PendingDecision decision, double reward);

    /** Removes this decision's hallucinated observation (it will never be answered). */
    void remove(PendingDecision decision);

    /** γ, the information gain of what the model holds (IGP-UCB). */
    double informationGain();

    int stateBytes();

    void write(DataOutput out) throws IOException;

    /** Posterior mean and variance at a point, plus whatever the model can reuse when that point is added. */
    record Estimate(double mean, double variance, Object reuse) {
    }
}
