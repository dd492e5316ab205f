package io.witness.jobs.config;

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

/** The methods a configuration can name. A new method is one line here. */
public final class MethodRegistry {
    private static final Map<String, MonitorMethod> METHODS = new LinkedHashMap<>();

    static {
        register(new SkitMethod());
        register(new ForecastMethod());
        register(new NplmMethod());
        register(new NoopMethod());   // the baseline of `witness bench`
        register(new HawkesMethod());
        register(new KsdMethod());
        register(new PksdMethod());
        register(new SequenceKsdMethod());
        register(new MmdBettingMethod());
    }

    private MethodRegistry() {
    }

    private static void register(MonitorMethod m) {
        METHODS.put(m.name(), m);
    }

    public static MonitorMethod get(String name) {
        return METHODS.get(name);
    }

    public static java.util.Set<String> names() {
        return METHODS.keySet();
    }
}
