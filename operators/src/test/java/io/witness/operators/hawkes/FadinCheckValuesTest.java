package io.witness.operators.hawkes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The golden vector of spec §A.6 (p = 2, Δ = 0.1, W = 1, T = 10, truncated Gaussian kernels with
 * discrete normalisation): loss 0.12040787332447955 with T' = (G+1)Δ = 10.1, and the gradients.
 */
class FadinCheckValuesTest {
    static final double DELTA = 0.1;
    static final double[][] EVENTS = {
            {0.52, 1.31, 1.38, 2.9, 4.05, 4.6, 7.33, 8.12, 9.7},
            {0.7, 1.5, 3.05, 4.3, 4.32, 6.0, 8.4}};
    static final HawkesGrid GRID = HawkesGrid.of(DELTA, 1.0);

    static FadinStatistics statistics() {
        HawkesSufficientStats s = new HawkesSufficientStats(2, GRID.support(), 0, 1.0);
        // the record starts at bin 0: an empty first bin is part of it
        EventStream.feedSorted(s, EVENTS, DELTA, 0L);
        return s.snapshot(Math.round(10 / DELTA), DELTA);
    }

    static HawkesParameters theta() {
        return new HawkesParameters(KernelFamily.TRUNCATED_GAUSSIAN,
                new double[]{0.6, 0.4},
                new double[]{0.3, 0.2, 0.1, 0.4},
                new double[]{0.3, 0.1, 0.5, 0.2, 0.4, 0.15, 0.2, 0.1});
    }

    @Test
    void countsAndLaggedCrossCountsMatchTheSpec() {
        FadinStatistics st = statistics();
        assertThat(st.count(0)).isEqualTo(9.0);
        assertThat(st.count(1)).isEqualTo(7.0);
        double[] lagged = new double[6];
        for (int tau = 0; tau < 6; tau++) {
            lagged[tau] = st.laggedCross(0, 1, tau);
        }
        assertThat(lagged).containsExactly(0, 0, 0, 2, 0, 0);
        assertThat(st.tPrime()).isCloseTo(10.1, within(1e-12));
    }

    @Test
    void lossMatchesTheGoldenValue() {
        FadinStatistics st = statistics();
        FadinLoss loss = new FadinLoss(KernelFamily.TRUNCATED_GAUSSIAN, GRID);
        HawkesParameters th = theta();
        loss.prepare(th, st, false);
        double v = loss.value(th, st);
        System.out.println("HAWKES-CHECK loss " + v + " (spec 0.12040787332447955)");
        assertThat(v).isCloseTo(0.12040787332447955, within(1e-14));
    }

    @Test
    void gradientsMatchTheGoldenValues() {
        FadinStatistics st = statistics();
        FadinLoss loss = new FadinLoss(KernelFamily.TRUNCATED_GAUSSIAN, GRID);
        HawkesParameters th = theta();
        loss.prepare(th, st, true);
        double[] gMu = new double[2];
        double[] gAlpha = new double[4];
        double[] gEta = new double[8];
        loss.gradient(th, st, gMu, gAlpha, gEta);
        System.out.println("HAWKES-CHECK grad mu " + java.util.Arrays.toString(gMu) + " alpha "
                + java.util.Arrays.toString(gAlpha) + " eta " + java.util.Arrays.toString(gEta));
        // T' = 10.1 convention (the spec lists it next to the T = 10 one)
        assertThat(gMu).containsExactly(new double[]{0.133678, 0.084518}, within(5e-7));
        assertThat(gAlpha).containsExactly(new double[]{1.839058, 0.392053, 0.208092, 1.947544}, within(5e-7));
        // eta is (m, σ) per pair, pairs in row order 00, 01, 10, 11
        assertThat(gEta).containsExactly(new double[]{
                0.227781, -2.200974, -0.027523, -0.004441,
                0.756811, -0.376161, -0.675932, -1.956579}, within(5e-7));
    }
}
