package io.witness.operators.mmd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fast versions of the mmd-betting experiments: false-alarm rate over whole null tests, and detection of
 * the three drifts (mean shift, variance change, mixture-weight change). Delays are printed; the full
 * runs are {@link MmdBettingLongTest}.
 */
class MmdBettingValidityTest {

    @Test
    void falseAlarmRateOverWholeNullTestsIsAtMostAlpha() {
        double rate = MmdBettingSimulation.falseAlarmRate(MmdBettingSimulation.factory(200, 1, "ons"),
                MmdBettingSimulation.Law.STANDARD, 150, 3);
        // Ville: ≤ α = 0.05 whatever the horizon; 150 streams, 3 s.e. = 0.053
        assertThat(rate).isLessThanOrEqualTo(0.05 + 0.053);
    }

    @Test
    void mixtureNullWithSeveralEventsPerBet() {
        double rate = MmdBettingSimulation.falseAlarmRate(MmdBettingSimulation.factory(100, 4, "mixture"),
                MmdBettingSimulation.Law.MIXTURE, 100, 4);
        assertThat(rate).isLessThanOrEqualTo(0.05 + 0.066);
    }

    @Test
    void detectsMeanShiftVarianceChangeAndReweighting() {
        MmdBettingFactory f = MmdBettingSimulation.factory(300, 1, "ons");
        int[] mean = MmdBettingSimulation.delays(f, MmdBettingSimulation.Law.STANDARD,
                MmdBettingSimulation.Law.MEAN_SHIFT, 0, 12, 5);
        int[] variance = MmdBettingSimulation.delays(f, MmdBettingSimulation.Law.STANDARD,
                MmdBettingSimulation.Law.VARIANCE, 0, 12, 6);
        int[] weights = MmdBettingSimulation.delays(f, MmdBettingSimulation.Law.MIXTURE,
                MmdBettingSimulation.Law.MIXTURE_REWEIGHTED, 0, 12, 7);
        System.out.println("mmd-betting (N=300, k=1, ONS) mean shift 0.5 sd: " + MmdBettingSimulation.describe(mean));
        System.out.println("mmd-betting (N=300, k=1, ONS) sd x1.5: " + MmdBettingSimulation.describe(variance));
        System.out.println("mmd-betting (N=300, k=1, ONS) weights 0.5->0.8: " + MmdBettingSimulation.describe(weights));
        assertThat(MmdBettingSimulation.detected(mean)).isGreaterThanOrEqualTo(0.75);
        assertThat(MmdBettingSimulation.detected(variance)).isGreaterThanOrEqualTo(0.5);
        assertThat(MmdBettingSimulation.detected(weights)).isGreaterThanOrEqualTo(0.75);
    }
}
