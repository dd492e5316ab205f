package io.witness.jobs.config;

import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.noop.NoopMethod;
import io.witness.operators.nplm.NplmMethod;
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
