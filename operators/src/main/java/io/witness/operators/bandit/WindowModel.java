package io.witness.operators.bandit;

import java.io.DataOutput;
import java.io.IOException;

/**
 * {@link RewardModel} on the exact GP of the last {@code window} plays (spec online-methods.md §B.4
 * option 1): when full, the oldest observation is deleted before a new one is added (O(n²)), and a late
 * reward whose play has been evicted is ignored. Loses GP-UCB's regret guarantee, follows a drifting
 * reward function. State: {@code 4 + 8·(n(n+1)/2 + n(d+3))} bytes for n ≤ window observations.
 */
final class WindowModel implements RewardModel {
    private final ExactGp gp;
    private final int window;

    WindowModel(ExactGp gp, int window) {
        this.gp = gp;
        this.window = window;
    }

    ExactGp gp() {
        return gp;
    }

    @Override
    public Estimate at(double[] x, int off) {
        ExactGp.Posterior p = gp.posterior(x, off);
        return new Estimate(p.mean(), p.variance(), p);
    }

    @Override
    public void addPending(double[] x, int off, Estimate estimate, double placeholder, long ticket) {
        if (gp.size() >= window) {
            gp.remove(0);
            gp.add(x, off, placeholder, ticket);   // the posterior at x changed with the eviction
        } else {
            gp.add((ExactGp.Posterior) estimate.reuse(), x, off, placeholder, ticket);
        }
    }

    @Override
    public boolean setReward(PendingDecision decision, double reward) {
        int slot = gp.slotOf(decision.ticket());
        if (slot < 0) {
            return false;
        }
        gp.setY(slot, reward);
        return true;
    }

    @Override
    public void remove(PendingDecision decision) {
        int slot = gp.slotOf(decision.ticket());
        if (slot >= 0) {
            gp.remove(slot);
        }
    }

    @Override
    public double informationGain() {
        return gp.informationGain();
    }

    @Override
    public int stateBytes() {
        return gp.stateBytes();
    }

    @Override
    public void write(DataOutput out) throws IOException {
        gp.write(out);
    }
}
