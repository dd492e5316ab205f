package io.witness.operators.bandit;

import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * GP-UCB and IGP-UCB over contextual inputs {@code x = [context, action]} (spec online-methods.md §B.4):
 * play {@code argmax_j μ(x_j) + w_t σ(x_j)} among the request's candidates, with
 * <ul>
 *   <li>GP-UCB: {@code w_t = √β_t}, {@code β_t = 2 ln(|D| t² π² / (6δ))}, |D| the request's candidates;</li>
 *   <li>IGP-UCB: {@code w_t = B + R √(2(γ_{t−1} + 1 + ln(1/δ)))}, γ the information gain of the model;</li>
 *   <li>{@code w = √β} when β is configured.</li>
 * </ul>
 * Pending rewards follow {@link RewardModel}'s rule (placeholder = posterior mean at play time; replaced
 * by the reward; removed on expiry). Ties are broken uniformly with coins that depend only on the seed
 * and the play number. State: {@code plays, version} (16 bytes) + the model's.
 */
final class GpUcbPolicy implements BanditPolicy {
    private final BanditParameters params;
    private final RewardModel model;
    private long plays;
    private long version;

    GpUcbPolicy(BanditParameters params, RewardModel model) {
        this.params = params;
        this.model = model;
    }

    RewardModel model() {
        return model;
    }

    void restoreCounters(long plays, long version) {
        this.plays = plays;
        this.version = version;
    }

    /** The width w_t of the next play among {@code candidates} actions. */
    double width(int candidates) {
        double fixed = params.fixedWidth();
        if (!Double.isNaN(fixed)) {
            return fixed;
        }
        if (params.policy() == PolicyKind.IGP_UCB) {
            double gamma = Math.max(0.0, model.informationGain());
            return params.rkhsBound() + params.noiseScale()
                    * Math.sqrt(2 * (gamma + 1 + Math.log(1 / params.delta())));
        }
        double t = plays + 1;
        return Math.sqrt(2 * Math.log(candidates * t * t * Math.PI * Math.PI / (6 * params.delta())));
    }

    @Override
    public Choice decide(double[] inputs, int k) {
        int d = params.inputDim();
        double w = width(k);
        SplittableRandom coins = Seeds.forPlay(params.seed(), plays);
        RewardModel.Estimate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int choice = -1;
        int ties = 0;
        for (int j = 0; j < k; j++) {
            RewardModel.Estimate e = model.at(inputs, j * d);
            double score = e.mean() + w * Math.sqrt(e.variance());
            if (score > bestScore) {
                bestScore = score;
                best = e;
                choice = j;
                ties = 1;
            } else if (score == bestScore && coins.nextInt(++ties) == 0) {
                best = e;
                choice = j;
            }
        }
        long ticket = plays++;
        double placeholder = best.mean();
        model.addPending(inputs, choice * d, best, placeholder, ticket);
        double[] x = java.util.Arrays.copyOfRange(inputs, choice * d, choice * d + d);
        return new Choice(choice, bestScore, best.mean(), Math.sqrt(best.variance()), false,
                new PendingDecision(ticket, 0, choice, placeholder, 0, x));
    }

    @Override
    public boolean reward(PendingDecision decision, double reward) {
        boolean used = model.setReward(decision, reward);
        if (used) {
            version++;
        }
        return used;
    }

    @Override
    public void expire(PendingDecision decision) {
        model.remove(decision);
        version++;
    }

    @Override
    public long plays() {
        return plays;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(plays);
        out.writeLong(version);
        model.write(out);
    }

    @Override
    public int stateBytes() {
        return 16 + model.stateBytes();
    }
}
