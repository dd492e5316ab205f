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

/** The methods a configuration can name, with the Prometheus series each exports of its own. A new method is one line here. */
public final class MethodRegistry {
    private static final Map<String, MonitorMethod> METHODS = new LinkedHashMap<>();
    private static final Map<String, StepMetrics> STEP_METRICS = new LinkedHashMap<>();

    static {
        register(new SkitMethod());
        register(new ForecastMethod());
        register(new NplmMethod());
        register(new NoopMethod());   // the baseline of `witness bench`
        register(new HawkesMethod(), StepMetrics.of(HawkesMetrics::initMonitor, HawkesMetrics::onRefit));
        register(new KsdMethod());
        register(new PksdMethod());
        register(new SequenceKsdMethod());
        register(new MmdBettingMethod());
    }

    private MethodRegistry() {
    }

    private static void register(MonitorMethod m) {
        register(m, StepMetrics.NONE);
    }

    private static void register(MonitorMethod m, StepMetrics metrics) {
        METHODS.put(m.name(), m);
        STEP_METRICS.put(m.name(), metrics);
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
