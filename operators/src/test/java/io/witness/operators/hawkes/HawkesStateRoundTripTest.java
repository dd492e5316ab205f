package io.witness.operators.hawkes;

import io.witness.operators.hawkes.sim.ClusterSimulator;
import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.hawkes.sim.SimulatedProcess;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State write/read gives an identical continuation: at many points of a stream (before the first refit,
 * between refits, with a residual window half full, after types overflowed into the "(other)"
 * dimension, with out-of-order events, with a forgetting rebase) the state is written and restored, and
 * the copy and the original then run side by side: every step equal (statistic, p-value, alarm, clear,
 * explanation), and the states equal byte for byte. {@code stateBytes()} is exactly what is written.
 */
class HawkesStateRoundTripTest {
    static final String[] NAMES = {"api", "db", "cache", "queue"};

    /** 4 types (max-types 3: the fourth overflows), events jittered out of order by up to 3 s. */
    static long[][] stream() {
        SimulatedProcess proc = new SimulatedProcess(new double[]{0.3, 0.2, 0.1, 0.1},
                new double[][]{{0.3, 0, 0, 0}, {0.3, 0.1, 0, 0}, {0, 0.2, 0.2, 0}, {0, 0, 0, 0.3}},
                SimulatedProcess.uniform(4, AlarmScenarios.LATENCY));
        Events ev = ClusterSimulator.simulate(proc, 2 * 3600, 300, 3);
        SplittableRandom r = new SplittableRandom(4);
        long[][] out = new long[ev.size()][];
        double[][] keyed = new double[ev.size()][];
        for (int n = 0; n < ev.size(); n++) {
            keyed[n] = new double[]{ev.times()[n] + 3 * r.nextDouble(), ev.times()[n], ev.types()[n]};
        }
        Arrays.sort(keyed, (a, b) -> Double.compare(a[0], b[0]));
        for (int n = 0; n < keyed.length; n++) {
            out[n] = new long[]{MonitorDriver.millis(keyed[n][1]), (long) keyed[n][2]};
        }
        return out;
    }

    static final Map<String, Object> PARAMS = Map.of("max-types", 3, "max-lateness", "5s", "refit-interval", "2m",
            "half-life", "2m", "gof-window", 40, "warmup-refits", 2);

    static byte[] bytes(Model m) throws IOException {
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        assertThat(out.size()).isEqualTo(m.stateBytes());
        return out.toByteArray();
    }

    @Test
    void restoredMonitorsContinueIdentically() throws IOException {
        MonitorFactory f = new HawkesMethod().configure(Map.of(), 0.05, PARAMS);
        long[][] ev = stream();
        Model original = f.create();
        int checked = 0;
        int steps = 0;
        for (int n = 0; n < ev.length; n++) {
            if (n % 401 == 0) {
                Model copy = f.restore(new StateInput(bytes(original)));
                int end = Math.min(ev.length, n + 300);
                for (int m = n; m < end; m++) {
                    Step a = original.update(ev[m][0], NAMES[(int) ev[m][1]], new double[0]);
                    Step b = copy.update(ev[m][0], NAMES[(int) ev[m][1]], new double[0]);
                    assertThat(b).isEqualTo(a);
                    steps += a == null ? 0 : 1;
                }
                assertThat(bytes(copy)).isEqualTo(bytes(original));
                n = end - 1;
                checked++;
            } else {
                original.update(ev[n][0], NAMES[(int) ev[n][1]], new double[0]);
            }
        }
        HawkesModel h = (HawkesModel) original;
        System.out.printf("HAWKES-STATE round trips %d, compared steps %d, types %s, final state %d bytes%n",
                checked, steps, h.typeNames(), h.stateBytes());
        assertThat(checked).isGreaterThan(10);
        assertThat(steps).isGreaterThan(20);
        assertThat(h.typeNames()).hasSize(4).endsWith(TypeRegistry.OTHER).contains("api", "db", "cache");
        assertThat(h.dropped()).isZero();
    }

    @Test
    void sizeFormulaIsExact() throws IOException {
        HawkesSettings s = HawkesMethod.parse(0.05, PARAMS);
        MonitorFactory f = new HawkesFactory(s);
        Model m = f.create();
        long[][] ev = stream();
        for (long[] e : ev) {
            m.update(e[0], NAMES[(int) e[1]], new double[0]);
        }
        HawkesModel h = (HawkesModel) m;
        // names "api", "db", "cache", "(other)" are 3, 2, 5, 7 bytes: the formula takes one length for all,
        // so compare with the exact sum by hand
        long formula = HawkesModel.stateBytesFor(s, 4, 0, h.pendingGaps()) + 3 + 2 + 5 + 7;
        assertThat((long) m.stateBytes()).isEqualTo(formula);
        assertThat(bytes(m)).hasSize(m.stateBytes());
    }

    @Test
    void unknownVersionsTruncationsAndAChangedKernelFailCleanly() throws IOException {
        MonitorFactory f = new HawkesMethod().configure(Map.of(), 0.05, PARAMS);
        Model m = f.create();
        long[][] ev = stream();
        for (int n = 0; n < 2000; n++) {
            m.update(ev[n][0], NAMES[(int) ev[n][1]], new double[0]);
        }
        byte[] b = bytes(m);
        byte[] wrongVersion = b.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> f.restore(new StateInput(wrongVersion))).isInstanceOf(IOException.class)
                .hasMessageContaining("version 9");
        for (int cut : new int[]{0, 1, 2, 20, 45, 60, b.length / 2, b.length - 1}) {
            byte[] t = Arrays.copyOf(b, cut);
            assertThatThrownBy(() -> f.restore(new StateInput(t))).isInstanceOf(IOException.class);
        }
        MonitorFactory exp = new HawkesMethod().configure(Map.of(), 0.05, Map.of("kernel", "truncated-exponential"));
        assertThatThrownBy(() -> exp.restore(new StateInput(b))).isInstanceOf(IOException.class)
                .hasMessageContaining("new id");
        MonitorFactory fewerTypes = new HawkesMethod().configure(Map.of(), 0.05, Map.of("max-types", 1));
        assertThatThrownBy(() -> fewerTypes.restore(new StateInput(b))).isInstanceOf(IOException.class);
    }

    @Test
    void eventsBeyondTheLatenessAreNotCountedButCounted() {
        HawkesModel m = MonitorDriver.monitor(0.05, Map.of("max-lateness", "2s"));
        m.update(MonitorDriver.ORIGIN + 10_000, "a", new double[0]);
        m.update(MonitorDriver.ORIGIN + 9_000, "a", new double[0]);
        m.update(MonitorDriver.ORIGIN + 5_000, "a", new double[0]);
        assertThat(m.observations()).isEqualTo(2);
        assertThat(m.dropped()).isEqualTo(1);
        assertThat(new HawkesMethod().configure(Map.of(), 0.05, Map.of("max-lateness", "2s")).maxLatenessMillis())
                .isEqualTo(2000);
        List<String> names = m.typeNames();
        assertThat(names).containsExactly("a");
    }
}
