package io.witness.jobs.core;

import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.operators.monitor.MonitorFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** A monitor's configuration with its method bound (parameters validated, shared derived data built once). */
public record BoundMonitor(MonitorConfig config, MonitorFactory factory) {

    public static BoundMonitor bind(MonitorConfig m) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        m.roles().forEach((role, fields) -> dims.put(role, fields.stream().mapToInt(f -> f.dimension()).sum()));
        return new BoundMonitor(m, MethodRegistry.get(m.method()).configure(dims, m.alpha(), m.params()));
    }

    /** Binds every monitor of a configuration, by id, in declaration order. */
    public static Map<String, BoundMonitor> bindAll(WitnessConfig config) {
        return bindAll(config, MonitorBinder.DEFAULT);
    }

    /** Binds every monitor of a configuration with {@code binder}, by id, in declaration order. */
    public static Map<String, BoundMonitor> bindAll(WitnessConfig config, MonitorBinder binder) {
        Map<String, BoundMonitor> out = new LinkedHashMap<>();
        for (MonitorConfig m : config.monitors()) {
            out.put(m.id(), binder.bind(m));
        }
        return out;
    }
}
