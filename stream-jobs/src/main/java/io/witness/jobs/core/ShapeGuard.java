package io.witness.jobs.core;

import io.witness.jobs.config.MethodRegistry;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateShape;

import java.util.Set;

/**
 * Decides, key by key, what to do with a monitor's stored state from the stamp it carries (method state
 * id and state-shape digest, see {@link KeyedState}): keep it when it was written under this
 * configuration's shape, discard it (the key starts fresh) when its shape was retired by a reset of the
 * monitor, and fail with {@link StateShapeException} otherwise. Made by {@link JobShapes#reconcile}, which
 * has already refused at start-up what it could know from the job's record of shapes.
 *
 * @param monitor  the monitor id
 * @param methodId the method's state id ({@link MethodRegistry#stateId})
 * @param shape    this configuration's state shape
 * @param discard  digests whose states are dropped when their key is next touched ({@link #LEGACY}: states
 *                 written before Witness stamped them)
 * @param reset    the user asked to reset this monitor's state when its shape changed
 */
public record ShapeGuard(String monitor, int methodId, StateShape shape, Set<Long> discard, boolean reset) {

    /** The digest of a state that carries none (keyed-state envelope version 1). */
    public static final long LEGACY = 0L;

    public ShapeGuard {
        discard = Set.copyOf(discard);
    }

    /** A guard that knows only the current shape (a monitor without history, replay, tests). */
    public static ShapeGuard current(String monitor, MonitorFactory factory) {
        return new ShapeGuard(monitor, MethodRegistry.stateId(factory.method()), factory.stateShape(), Set.of(), false);
    }

    public long digest() {
        return shape.digest();
    }

    /**
     * @return true to restore the state, false to drop it (the key starts fresh)
     * @throws StateShapeException when it was written under another shape that nobody retired
     */
    public boolean keep(int writtenMethodId, long writtenDigest) {
        if (writtenDigest == LEGACY) {
            return !discard.contains(LEGACY);   // unstamped: trusted, unless a reset retired it
        }
        if (writtenMethodId == methodId && writtenDigest == shape.digest()) {
            return true;
        }
        if (reset || discard.contains(writtenDigest)) {
            return false;
        }
        String what = writtenMethodId != methodId
                ? "was written by method " + MethodRegistry.nameOfStateId(writtenMethodId) + ", the configuration says "
                        + shape.method()
                : "was written under state shape " + StateShape.hex(writtenDigest) + ", not this configuration's "
                        + StateShape.hex(shape.digest()) + " " + shape;
        throw new StateShapeException("monitor '" + monitor + "': a key's state " + what + "; "
                + StateShapeException.remedy(monitor));
    }
}
