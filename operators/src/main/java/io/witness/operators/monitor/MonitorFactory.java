package io.witness.operators.monitor;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A configured method: validated parameters plus everything derived from them that is the same for
 * every key (for example random-feature frequencies). Creates fresh per-key models and restores them
 * from their state bytes. Instances are immutable and safe to share between threads.
 */
public interface MonitorFactory {

    /** Method name as written in the configuration, e.g. {@code skit}. */
    String method();

    /** The input roles in the order their values are concatenated for {@link Model#update}. */
    List<Role> roles();

    /** Total input dimension: the sum of the role dimensions. */
    default int dimension() {
        return roles().stream().mapToInt(Role::dimension).sum();
    }

    /**
     * The most event-time lateness (ms behind the newest event of the key) a model can still use. The
     * streaming layer sends later events to the dead letters as LATE, with the smaller of this and the
     * job's {@code allowed-lateness}. Unbounded by default.
     */
    default long maxLatenessMillis() {
        return Long.MAX_VALUE;
    }

    /**
     * The parameters that shape this method's per-key state bytes, in a fixed order (see
     * {@link StateShape}): every value that decides the layout or the meaning of what {@link Model#writeState}
     * writes, and nothing that only steers decisions (alpha, resolve-after, thresholds). Each method
     * declares its own; the streaming layer refuses to restore a state under a different shape.
     */
    StateShape stateShape();

    /** A model that has seen nothing yet. */
    Model create();

    /**
     * Reads state written by {@link Model#writeState}. Must accept every state version this method
     * has ever written (old savepoints must restore); throws {@link IOException} on an unknown one.
     */
    Model restore(DataInput in) throws IOException;

    /** One named block of inputs (for SKIT: {@code x} and {@code y}) and its dimension. */
    record Role(String name, int dimension) {
        public Role {
            if (dimension < 1) {
                throw new IllegalArgumentException("role " + name + " needs at least one field");
            }
        }
    }
}
