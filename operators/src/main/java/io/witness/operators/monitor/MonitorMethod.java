package io.witness.operators.monitor;

import java.util.List;
import java.util.Map;

/**
 * A method that can be named in the configuration ({@code method: skit}). It validates the
 * parameters of one monitor and returns the factory for its per-key models.
 */
public interface MonitorMethod {

    /** The name used in the configuration. */
    String name();

    /** Names of the input roles this method needs, in order (for SKIT: x, y); empty if it reads no fields. */
    List<String> roleNames();

    /**
     * True for point-process methods whose models need each event's type (the monitor's
     * {@code type-field}); the streaming layer then calls {@link Model#update(long, String, double[])}.
     */
    default boolean usesEventType() {
        return false;
    }

    /**
     * Validates and binds the parameters of one monitor.
     *
     * @param roleDimensions dimension of each role, keyed by role name (all of {@link #roleNames()})
     * @param alpha          the monitor's false-alarm level, in (0, 1)
     * @param params         method parameters as read from the configuration (numbers, strings, booleans)
     * @throws IllegalArgumentException naming the parameter and the problem, for any invalid or unknown one
     */
    MonitorFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params);

    /** The dimension of one input role; fails naming the role when it is missing or below 1. */
    static int roleDimension(Map<String, Integer> roleDimensions, String role) {
        Integer d = roleDimensions == null ? null : roleDimensions.get(role);
        if (d == null || d < 1) {
            throw new IllegalArgumentException("role '" + role + "' needs at least one field, got " + d);
        }
        return d;
    }

    /** Checks a monitor's false-alarm level: in (0, 1). */
    static void requireAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
