package io.witness.operators.skit.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default path (median heuristic on a 200-observation burn-in, RFF, ONS) holds its level on
 * independent streams — Gaussian, heavy-tailed non-Gaussian, and drifting marginals (§A.1 points 1
 * and 3) — and still has power on a dependent one, so the level checks are not met by a monitor that
 * never bets.
 */
class SkitDefaultPathLevelTest {

    static final int RUNS = 100;

    @Test
    void holdsLevelOnGaussianIndependentStreams() {
        SimulationSummary s = DefaultPathConfig.simulate("default gaussian independent", PairedStreams.gaussianLinear(0.0),
                RUNS, 3001);
        System.out.println(s.line());
        SpecComparison.assertLevel(s, DefaultPathConfig.ALPHA);
    }

    @Test
    void holdsLevelOnHeavyTailedIndependentStreams() {
        SimulationSummary s = DefaultPathConfig.simulate("default heavy-tailed independent",
                PairedStreams.heavyTailedIndependent(), RUNS, 3002);
        System.out.println(s.line());
        SpecComparison.assertLevel(s, DefaultPathConfig.ALPHA);
    }

    @Test
    void holdsLevelOnIndependentStreamsWithDriftingMarginals() {
        SimulationSummary s = DefaultPathConfig.simulate("default drifting independent",
                PairedStreams.driftingIndependent(), RUNS, 3003);
        System.out.println(s.line());
        SpecComparison.assertLevel(s, DefaultPathConfig.ALPHA);
    }

    @Test
    void detectsDependenceOnTheDefaultPath() {
        SimulationSummary s = DefaultPathConfig.simulate("default gaussian beta=0.50", PairedStreams.gaussianLinear(0.5),
                50, 3004);
        System.out.println(s.line());
        // β = 0.5 stops after ~120 pairs in §A.5.2; a 1 000-pair horizon leaves no room for a miss
        assertThat(s.rejectionRate()).as("power at β = 0.5 on the default path").isEqualTo(1.0);
        assertThat(s.meanStoppingPairs()).as("mean stopping time (pairs after burn-in)").isLessThan(300.0);
    }
}
