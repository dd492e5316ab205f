package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Per-event scores: NaN until the first test; in [0, 1] afterwards; the event that completes a window
 * is scored by that window's own fit; events in a region the reference lacks score high, with the
 * incident flag on while it is open.
 */
class NplmPerEventScoreTest {

    private static final CpuBackend CPU = new CpuBackend(1, Precision.DOUBLE, false);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void scoresFollowTheNewestFit() {
        NplmFactory f = NplmMethod.with(1, 0.05, Map.of("window", 50, "reference-size", 300, "null-toys", 20));
        NplmModel m = f.create();
        List<double[]> ref = NplmStreams.gaussian(300 + 50, 1, 0, 0, 1);
        for (int i = 0; i < ref.size(); i++) {
            Step s = m.update(i, ref.get(i), CPU, null);
            if (i < 349) {
                assertThat(s).isNull();
                assertThat(m.lastScore()).isNaN();
            } else {
                assertThat(s).isNotNull();
                // the completing event is scored by its own window's fit
                double[] x = new double[1];
                m.reference().standardise(ref.get(i), x, 0);
                assertThat(m.lastScore()).isEqualTo(NplmModel.score(m.logRatio(x)));
            }
        }
        // a bump at +4σ the reference never shows: after one window of it, bump events score high, bulk events low
        List<double[]> bump = NplmStreams.gaussian(50, 1, 4.0, 0, 2);
        Step s = null;
        for (int i = 0; i < 50; i++) {
            s = m.update(1000 + i, new double[] {i % 2 == 0 ? bump.get(i)[0] : 0.1 * bump.get(i)[0] - 0.4}, CPU, null);
        }
        assertThat(s).isNotNull();
        assertThat(s.alarm()).isTrue();
        m.update(2000, new double[] {4.0}, CPU, null);
        double high = m.lastScore();
        assertThat(m.lastAlarm()).isTrue();
        m.update(2001, new double[] {-0.5}, CPU, null);
        double low = m.lastScore();
        System.out.printf("NPLM-SCORE bump event %.3f, bulk event %.3f%n", high, low);
        assertThat(high).isBetween(0.8, 1.0);
        assertThat(low).isBetween(0.0, 0.5);
        assertThat(NplmModel.score(-3.0)).isZero();
        assertThat(NplmModel.score(Math.log(4))).isEqualTo(0.75);
    }
}
