package io.witness.operators.pksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.witness.operators.ksd.GaussianMixtureModel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** pKSD (spec §B.5): modes, p-invariance of the jump kernel, and a fast version of the §B.5.5 headline. */
class PksdTest {

    @Test
    void findsAndMergesTheTwoModes() {
        GaussianMixtureModel p = new GaussianMixtureModel(new double[] {0.3, 0.7},
                new double[][] {{0, 0}, {6, -2}}, new double[][] {{1, 0.2, 0.2, 0.5}, {2, 0, 0, 1}});
        List<Mode> modes = ModeFinder.find(p, 40, null, 0, new SplittableRandom(1));
        assertThat(modes).hasSize(2);
        Mode a = modes.stream().filter(m -> m.location()[0] < 3).findFirst().orElseThrow();
        Mode b = modes.stream().filter(m -> m.location()[0] > 3).findFirst().orElseThrow();
        assertThat(a.location()).containsExactly(new double[] {0, 0}, within(1e-3));
        assertThat(b.location()).containsExactly(new double[] {6, -2}, within(1e-3));
        // separated components: the local covariance is the component's
        assertThat(b.covariance()).containsExactly(new double[] {2, 0, 0, 1}, within(1e-3));
        assertThat(ModeFinder.find(PksdSimulation.target(0), 20, null, 0, new SplittableRandom(2))).hasSize(1);
    }

    /** The MH jump kernel leaves p invariant: a p-sample stays a p-sample (weights, moments per mode). */
    @Test
    void perturbationLeavesTheTargetInvariant() {
        GaussianMixtureModel p = new GaussianMixtureModel(new double[] {0.3, 0.7}, new double[][] {{0}, {6}},
                new double[][] {{1}, {2.25}});
        SplittableRandom r = new SplittableRandom(3);
        int n = 20_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() < 0.3 ? PksdSimulation.gaussian(r) : 6 + 1.5 * PksdSimulation.gaussian(r);
        }
        JumpPerturbation jumps = PerturbedKsd.perturbationFor(p, 20, new SplittableRandom(4));
        assertThat(jumps.modes()).isEqualTo(2);
        double[] y = jumps.perturb(x, n, 0.8, 10, new SplittableRandom(5));
        int moved = 0;
        for (int i = 0; i < n; i++) {
            if ((x[i] > 3) != (y[i] > 3)) {
                moved++;
            }
        }
        assertThat(moved).as("points jump between modes").isGreaterThan(n / 10);
        // P(x > 3) = 0.3·P(Z > 3) + 0.7·P(Z > −2) = 0.68444; s.e. 0.0033 at n = 20 000
        double[] sx = rightSideMoments(x);
        double[] sy = rightSideMoments(y);
        assertThat(sy[0]).isCloseTo(0.68444, within(0.01));
        assertThat(sy[1]).as("mean of the right side").isCloseTo(sx[1], within(0.06));
        assertThat(sy[2]).as("variance of the right side").isCloseTo(sx[2], within(0.12));
    }

    /** Fraction above 3, and the mean and variance of the points above 3. */
    private static double[] rightSideMoments(double[] x) {
        int right = 0;
        double sum = 0;
        double sq = 0;
        for (double v : x) {
            if (v > 3) {
                right++;
                sum += v;
                sq += v * v;
            }
        }
        double mean = sum / right;
        return new double[] {(double) right / x.length, mean, sq / right - mean * mean};
    }

    /** §B.5.5 at δ = 6: KSD has ≈ no power, spKSD ≈ 1 (fast: 8 replications, B = 300). */
    @Test
    void perturbationRestoresPowerWhenModesAreFarApart() {
        PksdSimulation.Row row = PksdSimulation.run(6, 8, 300, false, 6);
        assertThat(row.modes()).isEqualTo(2);
        assertThat(row.ksd()).as("KSD power at δ=6 (spec 0.00)").isLessThanOrEqualTo(0.25);
        assertThat(row.spksd()).as("spKSD power at δ=6 (spec 1.00)").isGreaterThanOrEqualTo(0.75);
    }
}
