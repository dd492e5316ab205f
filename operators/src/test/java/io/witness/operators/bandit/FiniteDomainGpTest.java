package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The O(nM) finite-domain refresh ({@code V = L⁻¹K(X, D)}) equals the batch GP at every candidate, through
 * placeholder plays and their delayed overwrites, and the per-arm-count posterior of BPE-Delay equals the
 * per-play one (spec §B.2, §B.4).
 */
class FiniteDomainGpTest {

    private static double[] domain(int m, SplittableRandom r) {
        double[] d = new double[2 * m];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble(-3, 3);
        }
        return d;
    }

    @Test
    void meanAndVarianceOverTheDomainEqualTheBatchPosterior() {
        SplittableRandom r = new SplittableRandom(21);
        Kernel k = new GaussianKernel(1.0);
        int m = 40;
        double lambda = 4e-4;
        double[] dom = domain(m, r);
        FiniteDomainGp gp = new FiniteDomainGp(k, dom, 2, lambda);
        int n = 35;
        double[] xs = new double[2 * n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int j = r.nextInt(m);   // repeats included
            System.arraycopy(dom, 2 * j, xs, 2 * i, 2);
            gp.add(j, 0.0);          // placeholder (SDF censoring)
        }
        for (int i = 0; i < n; i++) {   // the rewards arrive in a shuffled order
            int slot = (i * 17) % n;
            ys[slot] = r.nextGaussian();
            gp.setY(slot, ys[slot]);
        }
        for (int q = 0; q < m; q++) {
            GpReference ref = GpReference.at(k, xs, ys, n, 2, lambda, dom, 2 * q);
            assertThat(gp.mean(q)).as("mean at %d", q).isCloseTo(ref.mean, within(1e-9));
            assertThat(gp.variance(q)).as("variance at %d", q).isCloseTo(Math.max(0, ref.variance), within(1e-9));
        }
    }

    @Test
    void armCountsPosteriorEqualsThePerPlayPosterior() {
        SplittableRandom r = new SplittableRandom(4);
        Kernel k = new GaussianKernel(0.7);
        int arms = 6;
        double[] a = domain(arms, r);
        double lambda = 0.02;
        PlayPosterior plays = new PlayPosterior(k, a, 2, lambda);
        ArmCountsPosterior counts = new ArmCountsPosterior(k, a, 2, lambda);
        int[] candidates = {0, 1, 2, 3, 4, 5};
        plays.startBatch(candidates);
        counts.startBatch(candidates);
        for (int i = 0; i < 25; i++) {
            int arm = r.nextInt(4);   // arms 4 and 5 never played
            plays.addPlay(arm);
            counts.addPlay(arm);
            for (int q = 0; q < arms; q++) {
                assertThat(counts.variance(q)).isCloseTo(plays.variance(q), within(1e-9));
            }
            if (r.nextBoolean()) {
                double y = r.nextGaussian();
                plays.observe(arm, y);
                counts.observe(arm, y);
            }
        }
        double[] m1 = new double[arms];
        double[] s1 = new double[arms];
        double[] m2 = new double[arms];
        double[] s2 = new double[arms];
        plays.fit(m1, s1);
        counts.fit(m2, s2);
        for (int q = 0; q < arms; q++) {
            assertThat(m2[q]).isCloseTo(m1[q], within(1e-9));
            assertThat(s2[q]).isCloseTo(s1[q], within(1e-9));
        }
    }
}
