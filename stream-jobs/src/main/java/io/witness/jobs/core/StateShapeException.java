package io.witness.jobs.core;

/**
 * A restore would read a monitor's state under another state shape than the one that wrote it (see
 * {@link io.witness.operators.monitor.StateShape}). The message is one line naming the monitor and what
 * changed; the job must not restart into the same failure (the Flink layer makes it non-recoverable).
 */
public final class StateShapeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StateShapeException(String message) {
        super(message);
    }

    /** The advice every message ends with. */
    static String remedy(String monitor) {
        return "restore with the configuration that wrote it, or start this monitor's state fresh with 'reset-state: true'"
                + " on the monitor (or --reset-state " + monitor + ")";
    }
}
