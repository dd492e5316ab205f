package io.witness.jobs.core;

import io.witness.operators.monitor.Monitor;
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
 * <p>Size: {@code 1 + 8 + 8 + 2 + 2 + 8·dedupeWindow + 21 + 1 + model} bytes; see the README.
 */
public final class KeyedState {
    static final byte FORMAT_VERSION = 1;

    long newestTime = Long.MIN_VALUE;
    long steps;
    long[] recent = new long[0];
    int recentCount;
    int recentNext;
    final Incident alert;
    Monitor monitor;

    KeyedState(Incident alert) {
        this.alert = alert;
    }

    public static KeyedState fresh() {
        return new KeyedState(new Incident());
    }

    public Monitor monitor() {
        return monitor;
    }

    public Incident alert() {
        return alert;
    }

    /** Serialised size (exact). */
    public int bytes() {
        return 1 + 8 + 8 + 2 + 2 + 8 * recentCount + Incident.BYTES + 1 + (monitor == null ? 0 : monitor.stateBytes());
    }

    public byte[] toBytes() {
        StateOutput out = new StateOutput(bytes());
        try {
            out.writeByte(FORMAT_VERSION);
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

    public static KeyedState fromBytes(byte[] bytes, MonitorFactory factory, int dedupeWindow) throws IOException {
        StateInput in = new StateInput(bytes);
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown Witness keyed-state version " + version + " (this build reads "
                    + FORMAT_VERSION + "): restore with a Witness version that wrote it, or start without state");
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
