package io.witness.operators.bandit.sim;

import io.witness.operators.bandit.BpeDelay;
import io.witness.operators.bandit.BpeSchedule;
import io.witness.operators.bandit.FiniteDomainGp;
import io.witness.operators.bandit.PlayPosterior;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.GaussianSampler;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One run of the §B.3 experiment (reference {@code main.py}, {@code BPE.py}, {@code GP_UCB_SDF.py}):
 * SE kernel ℓ = 1, noise sd 0.02 (λ = σ_n² = 4e-4), √β = √6, Poisson(E[τ]) delays counted in plays, the
 * cumulative regret {@code Σ f(x*) − f(x_t)} after each of the first T plays.
 */
public final class DelayedBanditSimulation {
    static final double NOISE_SD = 0.02;
    static final double LAMBDA = NOISE_SD * NOISE_SD;
    static final double SQRT_BETA = Math.sqrt(6);
    static final double XI = 9;
    static final double B = 1;
    static final double DELTA = 0.01;

    private DelayedBanditSimulation() {
    }

    /**
     * GP-UCB-SDF (Verma et al. 2022, the reference's {@code GP_UCB_SDF.py}): every play enters the GP at once
     * with the censored reward 0 (rewards shifted so that min f = 0); a reward with delay ≤ m = 2E[τ]
     * replaces it when it arrives, a later one never does. With E[τ] = 0 this is plain GP-UCB.
     */
    public static double[] gpUcbSdf(GridObjective f, double meanDelay, int horizon, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        GaussianSampler noise = new GaussianSampler(random.split());
        FiniteDomainGp gp = new FiniteDomainGp(new GaussianKernel(1.0), f.domain(), 2, LAMBDA);
        double shift = -f.min();
        double censor = 2 * meanDelay;
        List<List<int[]>> arrivals = new ArrayList<>();
        double[] regret = new double[horizon];
        double total = 0;
        for (int t = 0; t < horizon; t++) {
            int j = argmaxUcb(gp, random);
            int slot = gp.add(j, 0.0);
            int tau = poisson(meanDelay, random);
            if (tau <= censor) {
                while (arrivals.size() <= t + tau) {
                    arrivals.add(new ArrayList<>());
                }
                arrivals.get(t + tau).add(new int[] {slot, j});
            }
            if (t < arrivals.size()) {
                for (int[] a : arrivals.get(t)) {
                    gp.setY(a[0], f.value(a[1]) + shift + NOISE_SD * noise.next());
                }
            }
            total += f.max() - f.value(j);
            regret[t] = total;
        }
        return regret;
    }

    private static int argmaxUcb(FiniteDomainGp gp, SplittableRandom random) {
        double best = Double.NEGATIVE_INFINITY;
        int choice = -1;
        int ties = 0;
        for (int q = 0; q < gp.domainSize(); q++) {
            double u = gp.mean(q) + SQRT_BETA * Math.sqrt(gp.variance(q));
            if (u > best) {
                best = u;
                choice = q;
                ties = 1;
            } else if (u == best && random.nextInt(++ties) == 0) {
                choice = q;
            }
        }
        return choice;
    }

    /**
     * BPE-Delay (the paper's version, or the reference code's with {@code codeBehaviour}): the reward of a
     * play arrives {@code τ ~ Poisson(E[τ])} plays later and counts if its batch has not ended by then.
     */
    public static double[] bpeDelay(GridObjective f, double meanDelay, int horizon, long seed, boolean codeBehaviour) {
        SplittableRandom random = new SplittableRandom(seed);
        GaussianSampler noise = new GaussianSampler(random.split());
        PlayPosterior posterior = new PlayPosterior(new GaussianKernel(1.0), f.domain(), 2, LAMBDA);
        List<BpeSchedule.Batch> schedule = BpeSchedule.batches(horizon, meanDelay, XI, B, DELTA, codeBehaviour);
        BpeDelay bpe = new BpeDelay(posterior, f.size(), schedule, SQRT_BETA, codeBehaviour);
        PriorityQueue<double[]> pending = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        double[] regret = new double[horizon];
        double total = 0;
        for (int t = 0; t < horizon; t++) {
            while (!pending.isEmpty() && pending.peek()[0] <= t) {
                double[] a = pending.poll();
                bpe.arrive((int) a[1], (int) a[2], (int) a[3], a[4]);
            }
            BpeDelay.Play play = bpe.next(random);
            int tau = poisson(meanDelay, random);
            double y = f.value(play.arm()) + NOISE_SD * noise.next();
            pending.add(new double[] {t + tau, play.batch(), play.index(), play.arm(), y});
            total += f.max() - f.value(play.arm());
            regret[t] = total;
        }
        return regret;
    }

    /** Knuth's multiplication method (exact; O(λ) uniforms, fine for λ ≤ 100). */
    static int poisson(double lambda, SplittableRandom random) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
