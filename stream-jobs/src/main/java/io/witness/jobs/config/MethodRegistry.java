package io.witness.jobs.config;

import io.witness.jobs.metrics.HawkesMetrics;
import io.witness.jobs.metrics.StepMetrics;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.hawkes.HawkesMethod;
import io.witness.operators.ksd.KsdMethod;
import io.witness.operators.mmd.MmdBettingMethod;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.noop.NoopMethod;
import io.witness.operators.nplm.NplmMethod;
import io.witness.operators.pksd.PksdMethod;
import io.witness.operators.seqksd.SequenceKsdMethod;
import io.witness.operators.skit.SkitMethod;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The methods a configuration can name, with the Prometheus series each exports of its own. A new method
 * is one line here, with a state id of its own: the byte that names the method in every key's state (the
 * keyed-state envelope, see {@code KeyedState}). State ids are part of saved state: never reuse or
 * renumber one.
 */
public final class MethodRegistry {
    private static final Map<String, MonitorMethod> METHODS = new LinkedHashMap<>();
    private static final Map<String, StepMetrics> STEP_METRICS = new LinkedHashMap<>();
    private static final Map<String, Integer> STATE_IDS = new LinkedHashMap<>();

    static {
        register(1, new SkitMethod());
        register(2, new ForecastMethod());
        register(3, new NplmMethod());
        register(4, new NoopMethod());   // the baseline of `witness bench`
        register(5, new HawkesMethod(), StepMetrics.of(HawkesMetrics::initMonitor, HawkesMetrics::onRefit));
        register(6, new KsdMethod());
        register(7, new PksdMethod());
        register(8, new SequenceKsdMethod());
        register(9, new MmdBettingMethod());
    }

    private MethodRegistry() {
    }

    private static void register(int stateId, MonitorMethod m) {
        register(stateId, m, StepMetrics.NONE);
    }

    private static void register(int stateId, MonitorMethod m, StepMetrics metrics) {
        if (stateId < 1 || stateId > 255 || STATE_IDS.containsValue(stateId)) {
            throw new IllegalStateException("state id " + stateId + " of " + m.name() + " is taken or out of range");
        }
        METHODS.put(m.name(), m);
        STEP_METRICS.put(m.name(), metrics);
        STATE_IDS.put(m.name(), stateId);
    }

    /** The byte that names a method in keyed state (1..255). */
    public static int stateId(String name) {
        Integer id = STATE_IDS.get(name);
        if (id == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'");
        }
        return id;
    }

    /** The method a state id names, or {@code "method #id"} when this build knows none. */
    public static String nameOfStateId(int stateId) {
        for (Map.Entry<String, Integer> e : STATE_IDS.entrySet()) {
            if (e.getValue() == stateId) {
                return e.getKey();
            }
        }
        return "method #" + stateId;
    }

    public static MonitorMethod get(String name) {
        return METHODS.get(name);
    }

    /** The method's own Prometheus series ({@link StepMetrics#NONE} for most). */
    public static StepMetrics stepMetrics(String name) {
        return STEP_METRICS.getOrDefault(name, StepMetrics.NONE);
    }

    public static java.util.Set<String> names() {
        return METHODS.keySet();
    }
}
