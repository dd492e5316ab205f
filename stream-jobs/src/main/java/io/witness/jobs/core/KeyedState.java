package io.witness.jobs.core;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything Witness keeps per (monitor, key): the method's model, the alert bookkeeping, and the
 * newest event time and recent-event fingerprints used for LATE and DUPLICATE. Stored in Flink keyed
 * state as bytes in our own versioned format (first byte = {@link #FORMAT_VERSION}), so a savepoint
 * restores as long as this codec can read every version it ever wrote.
 *
 * <p>Version 2 (big-endian), the bytes say what wrote them:
 * <pre>
 * offset  bytes  field
 *  0      1      envelope version = 2
 *  1      1      method state id ({@link io.witness.jobs.config.MethodRegistry#stateId})
 *  2      8      state-shape digest ({@link io.witness.operators.monitor.StateShape#digest}, never 0)
 * 10      8      newest event time (ms; Long.MIN_VALUE = none)
 * 18      8      decision steps
 * 26      2      n = fingerprints kept (unsigned)
 * 28      2      reserved (0)
 * 30      8·n    recent-event fingerprints, oldest first
 *  …      21     alert state ({@link Incident#BYTES})
 *  …      1      1 = a model follows
 *  …      model  the method's own versioned state ({@link io.witness.operators.monitor.Model#writeState})
 * </pre>
 * Size: {@code 10 + 8 + 8 + 2 + 2 + 8·n + 21 + 1 + model} bytes. Version 1 is the same without bytes
 * 1–9 (no method id, no digest); it still restores ({@link ShapeGuard#LEGACY}) and is rewritten as
 * version 2 when its key is next written. See the README ("State").
 */
public final class KeyedState {
    static final byte FORMAT_VERSION = 2;
    static final byte FORMAT_VERSION_1 = 1;
    /** Version byte, method id, digest. */
    static final int STAMP_BYTES = 1 + 1 + 8;

    long newestTime = Long.MIN_VALUE;
    long steps;
    long[] recent = new long[0];
    int recentCount;
    int recentNext;
    final Incident alert;
    Model monitor;

    KeyedState(Incident alert) {
        this.alert = alert;
    }

    public static KeyedState fresh() {
        return new KeyedState(new Incident());
    }

    public Model monitor() {
        return monitor;
    }

    public Incident alert() {
        return alert;
    }

    /** Serialised size (exact). */
    public int bytes() {
        return STAMP_BYTES + 8 + 8 + 2 + 2 + 8 * recentCount + Incident.BYTES + 1
                + (monitor == null ? 0 : monitor.stateBytes());
    }

    /** The current envelope, stamped with the monitor's method id and state-shape digest. */
    public byte[] toBytes(ShapeGuard stamp) {
        StateOutput out = new StateOutput(bytes());
        try {
            out.writeByte(FORMAT_VERSION);
            out.writeByte(stamp.methodId());
            out.writeLong(stamp.digest());
            out.writeLong(newestTime);
            out.writeLong(steps);
            out.writeShort(recentCount);
            out.writeShort(0);   // reserved
            // oldest first, so that a restore with another window size keeps the newest
            for (int i = 0; i < recentCount; i++) {
                int idx = (recentNext - recentCount + i + recent.length) % recent.length;
                out.writeLong(recent[idx]);
            }
            alert.write(out);
            out.writeBoolean(monitor != null);
            if (monitor != null) {
                monitor.writeState(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a key's state, checking its stamp against the monitor's shape first.
     *
     * @return the state, or null when {@code guard} drops it (a reset retired the shape it was written under)
     * @throws StateShapeException when it was written under another shape and no reset was asked for
     */
    public static KeyedState fromBytes(byte[] bytes, MonitorFactory factory, int dedupeWindow, ShapeGuard guard)
            throws IOException {
        StateInput in = new StateInput(bytes);
        int version = in.readByte();
        int methodId;
        long digest;
        if (version == FORMAT_VERSION) {
            methodId = in.readUnsignedByte();
            digest = in.readLong();
        } else if (version == FORMAT_VERSION_1) {
            methodId = guard.methodId();
            digest = ShapeGuard.LEGACY;
        } else {
            throw new IOException("unknown Witness keyed-state version " + version + " (this build reads 1 and "
                    + FORMAT_VERSION + "): restore with a Witness version that wrote it, or start without state");
        }
        if (!guard.keep(methodId, digest)) {
            return null;
        }
        long newest = in.readLong();
        long steps = in.readLong();
        int count = in.readUnsignedShort();
        in.readUnsignedShort();   // reserved
        long[] stored = new long[count];
        for (int i = 0; i < count; i++) {
            stored[i] = in.readLong();
        }
        KeyedState s = new KeyedState(Incident.read(in));
        s.newestTime = newest;
        s.steps = steps;
        s.resizeRecent(dedupeWindow);
        for (int i = Math.max(0, count - dedupeWindow); i < count; i++) {
            s.remember(stored[i]);
        }
        if (in.readBoolean()) {
            s.monitor = factory.restore(in);
        }
        if (in.remaining() > 0) {
            throw new IOException("keyed state has " + in.remaining() + " unread bytes: method state format mismatch");
        }
        return s;
    }

    /** Reads a key's state of a monitor that knows only its current shape ({@link ShapeGuard#current}). */
    public static KeyedState fromBytes(byte[] bytes, MonitorFactory factory, int dedupeWindow) throws IOException {
        return fromBytes(bytes, factory, dedupeWindow, ShapeGuard.current("(" + factory.method() + ")", factory));
    }

    void resizeRecent(int window) {
        if (recent.length != window) {
            recent = new long[window];
            recentCount = 0;
            recentNext = 0;
        }
    }

    boolean seen(long fingerprint) {
        for (int i = 0; i < recentCount; i++) {
            if (recent[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    void remember(long fingerprint) {
        if (recent.length == 0) {
            return;
        }
        recent[recentNext] = fingerprint;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }
}
