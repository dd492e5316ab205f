package io.witness.operators.monitor;

import java.io.DataOutput;
import java.io.IOException;

/**
 * One model of one monitored stream (one monitor, one key): a small state machine in the spirit of a
 * sketch. It consumes observations in arrival order, emits a {@link Step} when an observation
 * completes a decision step, and writes its mutable state compactly; the immutable parameters live in
 * the {@link MonitorFactory} that made it, so they never take space in per-key state.
 *
 * <p>Implementations are not thread-safe; the streaming layer gives each key to one thread at a time.
 */
public interface Model {

    /**
     * Consumes one observation.
     *
     * @param time   event time, epoch milliseconds
     * @param values the monitor's input vector, in the order of {@link MonitorFactory#roles()}
     *               (all values finite; the caller validates)
     * @return the decision step this observation completed, or {@code null} if none
     */
    Step update(long time, double[] values);

    /**
     * Consumes one observation of a typed stream (a point process: the event's type is a dimension,
     * see {@link MonitorMethod#usesEventType()}). Methods that do not read the type ignore it.
     *
     * @param type the event's type (non-empty for methods that use it)
     */
    default Step update(long time, String type, double[] values) {
        return update(time, values);
    }

    /** Observations consumed so far. */
    long observations();

    /** Writes the mutable state; {@link MonitorFactory#restore} reads it back. */
    void writeState(DataOutput out) throws IOException;

    /** Bytes {@link #writeState} writes now (exact, used for the state-size metric). */
    int stateBytes();
}
