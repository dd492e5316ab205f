package io.witness.jobs.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The current (or last) incident of one (monitor, key), as the alert policy keeps it: whether an alert
 * is open, since when, when it last emitted, and the incident number. 21 bytes. Where in its life an
 * alert record is, is the wire's {@link io.witness.schemas.AlertState} — one name, one meaning.
 */
public final class Incident {
    /** Serialized size in bytes. */
    public static final int BYTES = 1 + 8 + 8 + 4;

    boolean open;
    long openedAt;
    long lastEmittedAt;
    int sequence;

    void write(DataOutput out) throws IOException {
        out.writeBoolean(open);
        out.writeLong(openedAt);
        out.writeLong(lastEmittedAt);
        out.writeInt(sequence);
    }

    static Incident read(DataInput in) throws IOException {
        Incident s = new Incident();
        s.open = in.readBoolean();
        s.openedAt = in.readLong();
        s.lastEmittedAt = in.readLong();
        s.sequence = in.readInt();
        return s;
    }

    public boolean isOpen() {
        return open;
    }
}
