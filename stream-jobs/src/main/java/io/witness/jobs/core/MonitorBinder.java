package io.witness.jobs.core;

import io.witness.jobs.config.MonitorConfig;

import java.io.Serializable;

/**
 * How the monitor operator binds each configured monitor to its method ({@link BoundMonitor#bind} in
 * every job). Travels with the operator, so it is serializable. {@code witness bench --prewarm} passes
 * one that wraps the method's factory so that new keys start from a warmed-up template state; the
 * operator itself knows nothing about benches.
 */
@FunctionalInterface
public interface MonitorBinder extends Serializable {
    /** What every production job uses. */
    MonitorBinder DEFAULT = BoundMonitor::bind;

    BoundMonitor bind(MonitorConfig monitor);
}
