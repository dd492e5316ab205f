package io.witness.operators.hawkes;

import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helper: feeds simulated events (seconds) to a monitor as epoch-ms events with type names. */
final class MonitorDriver {
    static final long ORIGIN = 1_700_000_000_000L;

    private MonitorDriver() {
    }

    static HawkesModel monitor(double alpha, Map<String, Object> params) {
        return new HawkesMethod().configure(Map.of(), alpha, params).create();
    }

    static long millis(double seconds) {
        return ORIGIN + Math.round(seconds * 1000);
    }

    /** All steps, with the event time (ms) of the event that produced each. */
    static List<TimedStep> run(Model m, Events ev, String... names) {
        List<TimedStep> out = new ArrayList<>();
        for (int n = 0; n < ev.size(); n++) {
            long t = millis(ev.times()[n]);
            Step s = m.update(t, names[ev.types()[n]], new double[0]);
            if (s != null) {
                out.add(new TimedStep(t, s));
            }
        }
        return out;
    }

    /** Two simulated segments back to back: the second shifted to start where the first ends. */
    static Events concat(Events a, Events b, double shift) {
        int n = a.size() + b.size();
        double[] t = new double[n];
        int[] d = new int[n];
        System.arraycopy(a.times(), 0, t, 0, a.size());
        System.arraycopy(a.types(), 0, d, 0, a.size());
        for (int i = 0; i < b.size(); i++) {
            t[a.size() + i] = b.times()[i] + shift;
            d[a.size() + i] = b.types()[i];
        }
        return new Events(t, d);
    }

    record TimedStep(long time, Step step) {
        String alarms() {
            return String.join(",", step.alarmKinds().stream().map(io.witness.operators.monitor.AlarmKind::label).toList());
        }

        boolean has(String alarm) {
            return List.of(alarms().split(",")).contains(alarm);
        }
    }
}
