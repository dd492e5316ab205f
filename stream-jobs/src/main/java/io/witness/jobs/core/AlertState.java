package io.witness.jobs.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Per-(monitor, key) alert bookkeeping: 21 bytes. */
public final class AlertState {
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

    static AlertState read(DataInput in) throws IOException {
        AlertState s = new AlertState();
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
