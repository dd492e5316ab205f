package io.witness.operators.seqksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §B.7.7: log p, neighbourhood sizes, the Barker and MPF Stein matrices; the exact Stein identity. */
class SequenceKsdCheckVectorTest {

    static final MarkovSequenceModel MODEL = MarkovSequenceModel.withConstantStop(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
            new double[] {0.2, 0.5, 0.3, 0.3, 0.2, 0.5, 0.5, 0.3, 0.2}, 0.25);
    static final List<String> XS = List.of(seq(0, 1, 2), seq(1, 1), seq(2, 0, 1, 2), seq(0));
    static final Neighbourhood ZS2 = new Neighbourhood(2, true, true);

    static String seq(int... s) {
        StringBuilder b = new StringBuilder();
        for (int v : s) {
            b.append((char) v);
        }
        return b.toString();
    }

    @Test
    void logProbabilitiesAndNeighbourhoodSizes() {
        double[] expected = {-4.4465651558, -4.3820266347, -5.4273944088, -2.4849066498};
        int[] sizes = {11, 10, 11, 7};
        for (int i = 0; i < 4; i++) {
            assertThat(MODEL.logProbability(XS.get(i))).isCloseTo(expected[i], within(1e-9));
            assertThat(ZS2.of(XS.get(i), 3)).hasSize(sizes[i]).doesNotContain(XS.get(i));
        }
    }

    @Test
    void barkerMatrix() {
        SequenceKsd test = new SequenceKsd(ZS2, Balance.BARKER, SequenceKernel.hamming(), 10);
        double[] h = test.gram(XS, MODEL);
        double[] expected = {
            8.3238535305, -2.6249156684, -2.0541730440, 0.8258470958,
            -2.6249156684, 13.7729258446, 0.8453550064, -0.9727218678,
            -2.0541730440, 0.8453550064, 8.0940053490, 0.0,
            0.8258470958, -0.9727218678, 0.0, 4.0078897205};
        assertThat(h).containsExactly(expected, within(1e-9));
        assertThat(SequenceKsd.uStatistic(h, 4)).isCloseTo(-0.6634347463, within(1e-9));
    }

    @Test
    void mpfValues() {
        double[] h = new SequenceKsd(ZS2, Balance.MPF, SequenceKernel.hamming(), 10).gram(XS, MODEL);
        assertThat(new double[] {h[0], h[5], h[10], h[15]})
                .containsExactly(new double[] {45.2814051493, 80.0597019419, 44.0462024693, 20.7695253095}, within(1e-9));
        assertThat(h[1]).isCloseTo(-14.6080979577, within(1e-9));
        assertThat(h[3]).isCloseTo(4.3788985401, within(1e-9));
        assertThat(SequenceKsd.uStatistic(h, 4)).isCloseTo(-4.0224041334, within(1e-9));
    }

    /**
     * Substitutions on length-3 sequences (27 states, p normalised on them): Σ_x p(x)(𝒜 k(·,z))(x) = 0,
     * for every z and every balancing function.
     */
    @Test
    void steinIdentityOnAnEnumerableModel() {
        Neighbourhood subs = new Neighbourhood(3, true, false);
        List<String> states = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    states.add(seq(a, b, c));
                }
            }
        }
        double norm = 0;
        for (String x : states) {
            norm += Math.exp(MODEL.logProbability(x));
        }
        SequenceKernel k = SequenceKernel.hamming();
        for (Balance kappa : Balance.values()) {
            for (String z : states) {
                double total = 0;
                for (String x : states) {
                    double px = Math.exp(MODEL.logProbability(x)) / norm;
                    total += px * SteinMeasure.of(x, MODEL, subs, kappa).apply(y -> k.value(y, z));
                }
                assertThat(total).as("%s, z=%s", kappa, z).isCloseTo(0.0, within(1e-15));
            }
        }
    }

    /**
     * With insertions and deletions: for f = k(·, z), (𝒜f)(x) is non-zero only for |x| ∈ {|z|−1, |z|, |z|+1},
     * so Σ_x p(x)(𝒜f)(x) over all sequences is a finite sum, and must be 0 (p unnormalised: it cancels).
     */
    @Test
    void steinIdentityWithInsertionsAndDeletions() {
        SequenceKernel k = SequenceKernel.hamming();
        for (String z : List.of(seq(1, 2), seq(0, 2, 1), seq(2, 2, 0, 1))) {
            for (Balance kappa : Balance.values()) {
                double total = 0;
                double scale = 0;
                for (int len = Math.max(1, z.length() - 1); len <= z.length() + 1; len++) {
                    for (String x : all(len)) {
                        double px = Math.exp(MODEL.logProbability(x));
                        double a = SteinMeasure.of(x, MODEL, ZS2, kappa).apply(y -> k.value(y, z));
                        total += px * a;
                        scale += Math.abs(px * a);
                    }
                }
                assertThat(total / scale).as("%s, z=%s", kappa, z).isCloseTo(0.0, within(1e-13));
            }
        }
    }

    private static List<String> all(int len) {
        List<String> out = new ArrayList<>();
        int count = (int) Math.pow(3, len);
        for (int c = 0; c < count; c++) {
            int[] s = new int[len];
            int v = c;
            for (int i = 0; i < len; i++) {
                s[i] = v % 3;
                v /= 3;
            }
            out.add(seq(s));
        }
        return out;
    }

    /** The spectrum kernel's embedding path equals the definition Σ_a Σ_b μ_x(a) μ_x′(b) k(a, b). */
    @Test
    void spectrumEmbeddingEqualsThePairwiseDefinition() {
        SpectrumKernel k = new SpectrumKernel(2);
        double[] h = new SequenceKsd(ZS2, Balance.BARKER, k, 10).gram(XS, MODEL);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                SteinMeasure a = SteinMeasure.of(XS.get(i), MODEL, ZS2, Balance.BARKER);
                SteinMeasure b = SteinMeasure.of(XS.get(j), MODEL, ZS2, Balance.BARKER);
                double direct = a.apply(u -> b.apply(v -> k.value(u, v)));
                assertThat(h[i * 4 + j]).isCloseTo(direct, within(1e-12));
            }
        }
    }
}
