package io.witness.operators.bandit;

import io.witness.operators.kernel.FeatureMap;

import java.io.DataOutput;
import java.io.IOException;

/**
 * {@link RewardModel} on m random Fourier features ({@link FeatureGp}; spec online-methods.md §B.4
 * option 3, §E.1): a placeholder is replaced by adding {@code ψ·(y − placeholder)} to b, an expired play
 * is removed by a Cholesky downdate. O(m²) per play or reward whatever the history; state
 * {@code 8 + 8·(m(m+1)/2 + 2m)} bytes. The frequencies are drawn once per bandit from its seed (orthogonal
 * coupling; trigonometric, so ‖ψ‖ = 1 = k(x,x) and the Nyström residual term vanishes).
 */
final class FeatureModel implements RewardModel {
    private final FeatureGp gp;
    private final FeatureMap map;
    private final double invBandwidth;

    FeatureModel(FeatureGp gp, FeatureMap map, double bandwidth) {
        this.gp = gp;
        this.map = map;
        this.invBandwidth = 1.0 / bandwidth;
    }

    FeatureGp gp() {
        return gp;
    }

    double[] features(double[] x, int off) {
        double[] psi = new double[map.outputDim()];
        map.map(x, off, invBandwidth, psi, 0);
        return psi;
    }

    @Override
    public Estimate at(double[] x, int off) {
        double[] psi = features(x, off);
        return new Estimate(gp.mean(psi), gp.variance(psi, 1.0), psi);
    }

    @Override
    public void addPending(double[] x, int off, Estimate estimate, double placeholder, long ticket) {
        gp.add((double[]) estimate.reuse(), placeholder);
    }

    @Override
    public boolean setReward(PendingDecision decision, double reward) {
        gp.adjust(features(decision.x(), 0), reward - decision.placeholder());
        return true;
    }

    @Override
    public void remove(PendingDecision decision) {
        gp.remove(features(decision.x(), 0), decision.placeholder());
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
