package io.witness.operators.kernel.features;

import io.witness.operators.kernel.FeatureMap.Form;
import io.witness.operators.kernel.GaussianSampler;
import io.witness.operators.kernel.RandomFourierFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Structure of the coupled projections (spec online-methods.md §E.1) and unbiasedness of every map. */
class RandomFeaturesTest {

    @Test
    void iidTrigonometricIsExactlyTheSkitRandomFourierFeatures() {
        RandomFourierFeatures rff = new RandomFourierFeatures(3, 40, new GaussianSampler(99));
        RandomFeatures iid = RandomFeatures.draw(FeatureCoupling.IID, Form.TRIGONOMETRIC, 3, 40, 99);
        assertThat(iid.projection()).containsExactly(rff.projection());
        double[] x = {0.3, -1.2, 0.7};
        double[] a = new double[80];
        double[] b = new double[80];
        rff.map(x, 0, 0.8, a);
        iid.map(x, 0, 0.8, b, 0);
        assertThat(b).containsExactly(a);
    }

    @ParameterizedTest
    @EnumSource(FeatureCoupling.class)
    void deterministicGivenTheSeed(FeatureCoupling c) {
        double[] w1 = RandomFeatures.draw(c, Form.POSITIVE, 5, 13, 7).projection();
        double[] w2 = RandomFeatures.draw(c, Form.POSITIVE, 5, 13, 7).projection();
        double[] w3 = RandomFeatures.draw(c, Form.POSITIVE, 5, 13, 8).projection();
        assertThat(w1).hasSize(13 * 5).containsExactly(w2);
        assertThat(w1).isNotEqualTo(w3);
    }

    @Test
    void orthogonalBlocksHaveOrthogonalRows() {
        int d = 5;
        double[] w = RandomFeatures.draw(FeatureCoupling.ORTHOGONAL, Form.TRIGONOMETRIC, d, 12, 3).projection();
        for (int block = 0; block < 12; block += d) {
            for (int i = block; i < Math.min(block + d, 12); i++) {
                for (int j = block; j < i; j++) {
                    assertThat(dot(w, i, j, d) / Math.sqrt(dot(w, i, i, d) * dot(w, j, j, d))).isCloseTo(0.0, within(1e-12));
                }
            }
        }
        // rows of different blocks are independent, so generically not orthogonal
        assertThat(Math.abs(dot(w, 0, d, d))).isGreaterThan(1e-6);
    }

    @Test
    void simplexBlocksHaveSimplexAngles() {
        int d = 6;
        double[] w = RandomFeatures.draw(FeatureCoupling.SIMPLEX, Form.POSITIVE, d, 2 * d, 4).projection();
        for (int block = 0; block < 2 * d; block += d) {
            for (int i = block; i < block + d; i++) {
                for (int j = block; j < i; j++) {
                    double cos = dot(w, i, j, d) / Math.sqrt(dot(w, i, i, d) * dot(w, j, j, d));
                    assertThat(cos).isCloseTo(-1.0 / (d - 1), within(1e-12));
                }
            }
        }
    }

    @Test
    void simplexPlusKeepsTheNormsAndCancelsTheWeightedSumBetter() {
        int d = 8;
        int m = 10 * d;
        // same seed: same norms and rotations, only the directions differ
        double[] s = RandomFeatures.draw(FeatureCoupling.SIMPLEX, Form.POSITIVE, d, m, 21).projection();
        double[] p = RandomFeatures.draw(FeatureCoupling.SIMPLEX_PLUS, Form.POSITIVE, d, m, 21).projection();
        for (int i = 0; i < m; i++) {
            assertThat(dot(p, i, i, d)).isCloseTo(dot(s, i, i, d), within(1e-9));
        }
        for (int block = 0; block < m; block += d) {
            // Σ_{i≠j} w_iᵀw_j = ‖Σ w_i‖² − Σ‖w_i‖², the term the estimator's variance grows with
            assertThat(blockSumNorm(p, block, d)).isLessThan(blockSumNorm(s, block, d));
        }
    }

    @ParameterizedTest
    @EnumSource(FeatureCoupling.class)
    void everyRowIsMarginallyStandardNormal(FeatureCoupling c) {
        // E[w_ik w_il] = δ_kl: 4 000 projections; the sample second moment of a N(0,1) has SD √(2/n)
        int d = 4;
        int m = 4000;
        double[] w = RandomFeatures.draw(c, Form.POSITIVE, d, m, 5).projection();
        for (int k = 0; k < d; k++) {
            for (int l = 0; l <= k; l++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += w[i * d + k] * w[i * d + l];
                }
                double sd = k == l ? Math.sqrt(2.0 / m) : Math.sqrt(1.0 / m);
                assertThat(s / m).as("%s E[w_%d w_%d]", c, k, l).isCloseTo(k == l ? 1.0 : 0.0, within(4.5 * sd));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FeatureCoupling.class)
    void everyMapIsUnbiased(FeatureCoupling c) {
        double[] x = {0.4, -0.3, 0.2};
        double[] y = {-0.1, 0.5, 0.3};
        double sigma = 0.9;
        double exact = Math.exp(-((0.5 * 0.5) + (0.8 * 0.8) + (0.1 * 0.1)) / (2 * sigma * sigma));
        for (Form form : Form.values()) {
            GaussianSampler g = new GaussianSampler(17);
            int draws = 4000;
            double sum = 0;
            double sumSq = 0;
            for (int t = 0; t < draws; t++) {
                double e = RandomFeatures.draw(c, form, 3, 3, g).estimate(x, y, 1 / sigma);
                sum += e;
                sumSq += e * e;
            }
            double mean = sum / draws;
            double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
            assertThat(mean).as("%s %s", c, form).isCloseTo(exact, within(4 * se));
        }
    }

    @Test
    void trigonometricFeaturesHaveUnitNormAndPositiveOnesArePositive() {
        RandomFeatures trig = RandomFeatures.draw(FeatureCoupling.ORTHOGONAL, Form.TRIGONOMETRIC, 3, 7, 1);
        RandomFeatures pos = RandomFeatures.draw(FeatureCoupling.SIMPLEX, Form.POSITIVE, 3, 7, 1);
        assertThat(trig.outputDim()).isEqualTo(14);
        assertThat(pos.outputDim()).isEqualTo(7);
        double[] x = {1.5, -2, 0.1};
        assertThat(trig.estimate(x, x, 1.3)).isCloseTo(1.0, within(1e-14));
        double[] f = new double[7];
        pos.map(x, 0, 1.3, f, 0);
        assertThat(java.util.Arrays.stream(f).min().orElseThrow()).isPositive();
    }

    @Test
    void oneDimensionalSimplexFallsBackToOrthogonal() {
        double[] s = RandomFeatures.draw(FeatureCoupling.SIMPLEX, Form.POSITIVE, 1, 5, 3).projection();
        double[] o = RandomFeatures.draw(FeatureCoupling.ORTHOGONAL, Form.POSITIVE, 1, 5, 3).projection();
        assertThat(s).containsExactly(o);
        assertThatThrownBy(() -> RegularSimplex.directions(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FeatureCoupling.parse("Simplex_Plus")).isEqualTo(FeatureCoupling.SIMPLEX_PLUS);
    }

    private static double dot(double[] w, int i, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += w[i * d + k] * w[j * d + k];
        }
        return s;
    }

    private static double blockSumNorm(double[] w, int block, int d) {
        double n2 = 0;
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int i = block; i < block + d; i++) {
                s += w[i * d + k];
            }
            n2 += s * s;
        }
        return n2;
    }
}
