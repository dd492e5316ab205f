package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The joint-DP policy (our design after spec online-methods.md §C.1): noise scales match their formulas
 * and the released noise has that scale; the releases depend on exploration plays only; the estimator
 * converges as the exploration batch grows; the budget is accounted.
 */
class JdpPolicyTest {

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static JdpPolicy policy(Object... kv) {
        return (JdpPolicy) BanditWorld.factory(PolicyKind.JDP, params(kv)).create();
    }

    @Test
    void noiseScalesMatchTheGaussianMechanismFormulas() {
        JdpPolicy p = policy("epsilon", 1.0, "privacy-delta", 1e-5);
        // each release at (ε/2, δ/2) = (0.5, 5e-6): s = Δ √(2 ln(1.25 / 5e-6)) / 0.5, Δ_h = 2, Δ_Σ = √2
        double c = Math.sqrt(2 * Math.log(1.25 / 5e-6));
        assertThat(p.hNoise()).isCloseTo(2 * c / 0.5, within(1e-12)).isCloseTo(19.9, within(0.05));
        assertThat(p.sigmaNoise()).isCloseTo(Math.sqrt(2) * c / 0.5, within(1e-12)).isCloseTo(14.1, within(0.05));
        // zCDP: ρ = Δ²/(2s²) per release, the same for both (Δ/s is the same ratio)
        assertThat(GaussianMechanism.rho(2, p.hNoise())).isCloseTo(0.125 / (2 * Math.log(2.5e5)), within(1e-15));
        assertThat(GaussianMechanism.epsilonFromRho(0.5, 1e-5)).isCloseTo(0.5 + 2 * Math.sqrt(0.5 * Math.log(1e5)), within(1e-12));
    }

    @Test
    void releasedNoiseHasTheCalibratedScale() {
        // A batch of one play that expires unanswered releases pure noise: Σ̃ = E, h̃ = e.
        List<Double> sigmaEntries = new ArrayList<>();
        List<Double> hEntries = new ArrayList<>();
        double sSigma = 0;
        double sH = 0;
        for (int key = 0; key < 200; key++) {
            JdpPolicy p = policy("explore", 1, "features", 16, "noise-seed", (long) key);
            Choice ch = p.decide(BanditWorld.inputs(new double[] {0.5, 0.5}), 3);
            assertThat(p.releases()).isZero();
            p.expire(ch.pending());
            assertThat(p.releases()).isEqualTo(1);
            for (double v : p.releasedSigma()) {
                sigmaEntries.add(v);
            }
            for (double v : p.releasedH()) {
                hEntries.add(v);
            }
            sSigma = p.sigmaNoise();
            sH = p.hNoise();
        }
        assertThat(sigmaEntries).hasSize(200 * 16 * 17 / 2);
        // sd within 3 % (27,200 and 3,200 draws: sampling error ~0.4 % and ~1.3 %), mean ~0
        assertThat(sd(sigmaEntries) / sSigma).isCloseTo(1.0, within(0.03));
        assertThat(sd(hEntries) / sH).isCloseTo(1.0, within(0.05));
        assertThat(mean(sigmaEntries) / sSigma).isCloseTo(0.0, within(0.03));
        assertThat(mean(hEntries) / sH).isCloseTo(0.0, within(0.06));
    }

    @Test
    void theSameSecretReleasesTheSameNoiseSoAReplayAfterACrashSpendsNothingTwice() throws Exception {
        BanditFactory f = BanditWorld.factory(PolicyKind.JDP, params("explore", 1, "features", 8));
        JdpPolicy p = (JdpPolicy) f.create();
        Choice ch = p.decide(BanditWorld.inputs(new double[] {0.2, 0.9}), 3);
        byte[] checkpoint = f.toBytes(p);
        p.reward(ch.pending(), 0.7);
        JdpPolicy replay = (JdpPolicy) f.fromBytes(checkpoint);
        replay.reward(ch.pending(), 0.7);
        assertThat(replay.releasedSigma()).containsExactly(p.releasedSigma());
        assertThat(replay.releasedH()).containsExactly(p.releasedH());
        JdpPolicy other = (JdpPolicy) f.create();   // another key: another secret
        Choice o = other.decide(BanditWorld.inputs(new double[] {0.2, 0.9}), 3);
        other.reward(o.pending(), 0.7);
        assertThat(other.releasedH()).isNotEqualTo(p.releasedH());
    }

    /**
     * Runs n exploration plays; returns the RMS difference between the private and the non-private
     * (same λ_priv, same data) predicted rewards ψ(c, a)ᵀθ over 600 fresh (context, action) pairs.
     */
    private static double predictionGap(int n, double epsilon, long seed) {
        JdpPolicy p = policy("explore", n, "features", 16, "epsilon", epsilon, "noise-seed", seed, "ridge", 1.0,
                "bandwidth", 0.7);
        SplittableRandom r = new SplittableRandom(seed);
        int m = 16;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int t = 0; t < n; t++) {
            double[] c = BanditWorld.context(r);
            Choice ch = p.decide(BanditWorld.inputs(c), 3);
            assertThat(ch.explore()).isTrue();
            double y = BanditWorld.reward(c, ch.action(), r);
            double[] psi = p.features(ch.pending().x(), 0);
            for (int i = 0; i < m; i++) {
                b[i] += psi[i] * y;
                for (int j = 0; j < m; j++) {
                    a[i][j] += psi[i] * psi[j];
                }
            }
            p.reward(ch.pending(), y);
        }
        assertThat(p.releases()).isEqualTo(1);
        // the non-private ridge estimate with the same λ_priv
        double ridge = p.privateRidge();
        org.ejml.data.DMatrixRMaj am = new org.ejml.data.DMatrixRMaj(a);
        for (int i = 0; i < m; i++) {
            am.add(i, i, ridge);
        }
        org.ejml.data.DMatrixRMaj theta = new org.ejml.data.DMatrixRMaj(m, 1);
        org.ejml.dense.row.CommonOps_DDRM.solve(am, new org.ejml.data.DMatrixRMaj(m, 1, true, b), theta);
        double[] priv = p.estimate();
        double s = 0;
        for (int t = 0; t < 200; t++) {
            double[] in = BanditWorld.inputs(BanditWorld.context(r));
            for (int act = 0; act < 3; act++) {
                double[] psi = p.features(in, act * 5);
                double diff = 0;
                for (int i = 0; i < m; i++) {
                    diff += psi[i] * (priv[i] - theta.data[i]);
                }
                s += diff * diff;
            }
        }
        return Math.sqrt(s / 600);
    }

    @Test
    void thePrivateEstimateApproachesTheNonPrivateOneAsTheBatchGrows() {
        // The noise on Σ/n and h/n falls like 1/(nε): the private and non-private estimates (same λ_priv) converge.
        double small = 0;
        double large = 0;
        for (long seed = 1; seed <= 3; seed++) {
            small += predictionGap(500, 1.0, seed);
            large += predictionGap(8000, 1.0, seed);
        }
        System.out.printf("RMS(private − non-private prediction): n = 500: %.4f, n = 8000: %.4f (mean of 3)%n",
                small / 3, large / 3);
        assertThat(large).isLessThan(small / 3);   // measured 0.167 → 0.038
    }

    @Test
    void exploitationFollowsThePrivateEstimateAndIgnoresItsRewards() {
        JdpPolicy p = policy("explore", 3000, "features", 64, "epsilon", 1.0, "explore-rate", 0.0, "bandwidth", 0.7,
                "noise-seed", 5L);
        SplittableRandom r = new SplittableRandom(8);
        for (int t = 0; t < 3000; t++) {
            double[] c = BanditWorld.context(r);
            Choice ch = p.decide(BanditWorld.inputs(c), 3);
            p.reward(ch.pending(), BanditWorld.reward(c, ch.action(), r));
        }
        assertThat(p.releases()).isEqualTo(1);
        double regret = 0;
        double random = 0;
        long version = p.version();
        double[] theta = p.estimate();
        for (int t = 0; t < 1000; t++) {
            double[] c = BanditWorld.context(r);
            Choice ch = p.decide(BanditWorld.inputs(c), 3);
            assertThat(ch.explore()).isFalse();
            assertThat(ch.sd()).isPositive();
            regret += BanditWorld.mean(c, BanditWorld.best(c)) - BanditWorld.mean(c, ch.action());
            for (int a = 0; a < 3; a++) {
                random += (BanditWorld.mean(c, BanditWorld.best(c)) - BanditWorld.mean(c, a)) / 3;
            }
            assertThat(p.reward(ch.pending(), 1.0)).as("an exploitation reward").isFalse();
        }
        System.out.printf("JDP (ε = 1, n = 3000, m = 64): regret per exploitation play %.3f (uniform: %.3f)%n",
                regret / 1000, random / 1000);
        assertThat(regret / 1000).isLessThan(random / 1000 / 2);
        assertThat(p.version()).isEqualTo(version);
        assertThat(p.estimate()).containsExactly(theta);   // the exploitation rewards changed nothing
    }

    @Test
    void aBatchIsReleasedOnceEveryPlayIsAnsweredOrExpiredAndTheBudgetIsAccounted() {
        JdpPolicy p = policy("explore", 3, "max-releases", 2, "explore-rate", 1.0, "epsilon", 1.0, "privacy-delta", 1e-5);
        double[] in = BanditWorld.inputs(new double[] {0.1, 0.2});
        List<Choice> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(p.decide(in, 3));
        }
        assertThat(first).allMatch(c -> c.pending().tag() == 0);
        assertThat(p.closing().id).isZero();
        p.reward(first.get(0).pending(), 0.5);
        p.expire(first.get(1).pending());
        assertThat(p.releases()).isZero();
        assertThat(p.epsilonSpent()).isZero();
        assertThat(p.epsilonBudget()).isEqualTo(BanditWorld.factory(PolicyKind.JDP,
                params("explore", 3, "max-releases", 2, "explore-rate", 1.0, "epsilon", 1.0, "privacy-delta", 1e-5)).epsilonBudget());
        assertThat(BanditWorld.factory(PolicyKind.GP_UCB, params()).epsilonBudget()).isNaN();
        p.reward(first.get(2).pending(), 2.0);   // clipped to 1
        assertThat(p.releases()).isEqualTo(1);
        double rho1 = GaussianMechanism.rho(Math.sqrt(2), p.sigmaNoise()) + GaussianMechanism.rho(2, p.hNoise());
        // one release: the zCDP conversion (0.69) is tighter than the (ε/2 + ε/2) = 1 of basic composition
        assertThat(p.epsilonSpent()).isEqualTo(Math.min(1.0, GaussianMechanism.epsilonFromRho(rho1, 1e-5)))
                .isCloseTo(0.69, within(0.01));
        // batch 1 takes 6 plays, then the budget (2 releases) is exhausted: only exploitation afterwards
        List<Choice> second = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            second.add(p.decide(in, 3));
        }
        assertThat(second).allMatch(c -> c.pending().tag() == 1 && c.explore());
        assertThat(p.collecting()).isNull();
        second.forEach(c -> p.reward(c.pending(), 0.1));
        assertThat(p.releases()).isEqualTo(2);
        double rho = 2 * (GaussianMechanism.rho(Math.sqrt(2), p.sigmaNoise()) + GaussianMechanism.rho(2, p.hNoise()));
        assertThat(p.epsilonSpent()).isEqualTo(Math.min(2.0, GaussianMechanism.epsilonFromRho(rho, 1e-5)));
        // max-releases reached: the whole budget is spent (the metric witness_bandit_privacy_epsilon_budget)
        assertThat(p.epsilonBudget()).isEqualTo(p.epsilonSpent());
        for (int i = 0; i < 20; i++) {
            assertThat(p.decide(in, 3).explore()).isFalse();
        }
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double sd(List<Double> v) {
        double m = mean(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1));
    }
}
