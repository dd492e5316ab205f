package io.witness.operators.mmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * mmd-betting, long runs: the false-alarm rate of whole null tests (1 000 streams per bettor) and over a
 * long null stream with re-baselines, and the detection-delay table for the three drifts (printed).
 */
@Tag("long")
class MmdBettingLongTest {

    private static final double SE_1000 = Math.sqrt(0.05 * 0.95 / 1000);

    @Test
    void falseAlarmRatesOfWholeNullTests() {
        for (String bettor : new String[] {"ons", "mixture", "agrapa"}) {
            double rate = MmdBettingSimulation.falseAlarmRate(MmdBettingSimulation.factory(500, 1, bettor),
                    MmdBettingSimulation.Law.STANDARD, 1000, 11);
            System.out.printf("mmd-betting null, N=500, k=1, %s: false-alarm rate %.3f over 1000 tests%n", bettor, rate);
            assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * SE_1000);
        }
        double rate = MmdBettingSimulation.falseAlarmRate(MmdBettingSimulation.factory(300, 4, "ons"),
                MmdBettingSimulation.Law.MIXTURE, 1000, 12);
        System.out.printf("mmd-betting null (mixture law), N=300, k=4, ons: false-alarm rate %.3f over 1000 tests%n", rate);
        assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * SE_1000);
    }

    /** One key, 400 epochs of N = 100 reference events + 100 bets: alarms per epoch ≤ α. */
    @Test
    void longNullStreamWithRebaselines() {
        MmdBettingFactory f = MmdBettingSimulation.factory(100, 1, "ons");
        Model m = f.create();
        SplittableRandom r = new SplittableRandom(13);
        int epochs = 400;
        int alarmedEpochs = 0;
        boolean alarmedThisEpoch = false;
        for (int t = 0; t < epochs * 200; t++) {
            Step s = m.update(t, MmdBettingSimulation.draw(MmdBettingSimulation.Law.STANDARD, r));
            alarmedThisEpoch |= s != null && s.alarm();
            if ((t + 1) % 200 == 0) {
                alarmedEpochs += alarmedThisEpoch ? 1 : 0;
                alarmedThisEpoch = false;
            }
        }
        double rate = (double) alarmedEpochs / epochs;
        System.out.printf("mmd-betting long null stream: %d of %d epochs alarmed (%.4f)%n", alarmedEpochs, epochs, rate);
        assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / epochs));
    }

    @Test
    void detectionDelays() {
        System.out.println("| drift | bettor, k | detected | median delay | 90% delay (events) |");
        Object[][] drifts = {
            {"mean shift 0.5 sd", MmdBettingSimulation.Law.STANDARD, MmdBettingSimulation.Law.MEAN_SHIFT},
            {"sd x1.5", MmdBettingSimulation.Law.STANDARD, MmdBettingSimulation.Law.VARIANCE},
            {"mixture weights 0.5->0.8", MmdBettingSimulation.Law.MIXTURE, MmdBettingSimulation.Law.MIXTURE_REWEIGHTED}};
        long seed = 100;
        for (Object[] d : drifts) {
            for (String bettor : new String[] {"ons", "mixture"}) {
                for (int k : new int[] {1, 4}) {
                    int[] delays = MmdBettingSimulation.delays(MmdBettingSimulation.factory(500, k, bettor),
                            (MmdBettingSimulation.Law) d[1], (MmdBettingSimulation.Law) d[2], 100, 100, seed++);
                    System.out.printf("| %s | %s, %d | %s |%n", d[0], bettor, k,
                            MmdBettingSimulation.describe(delays).replace(", ", " | ").replace("detected ", "")
                                    .replace("median delay ", "").replace("90% ", "").replace(" events", ""));
                    assertThat(MmdBettingSimulation.detected(delays)).isGreaterThanOrEqualTo(0.9);
                }
            }
        }
    }
}
