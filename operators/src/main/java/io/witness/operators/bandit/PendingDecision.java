package io.witness.operators.bandit;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What a policy needs to take a decision's reward later: the play number (ticket), the policy's tag
 * (BPE-Delay: schedule position; JDP: the statistics batch, or −1), the chosen action, the placeholder
 * reward the model holds meanwhile, and the chosen input x. The streaming layer keeps one per request
 * id in keyed state until the feedback or the timeout, together with the event time and a status.
 *
 * <p>Bytes: {@code 1 + 8 + 8 + 2 + 8 + 8 + 1 + 2 + 8·d} (version, ticket, tag, action, placeholder,
 * time, status, d, x); x is dropped once the decision is answered or expired (only a tombstone stays to
 * recognise a duplicate or late feedback).
 */
public final class PendingDecision {
    static final byte FORMAT_VERSION = 1;

    public enum Status { PENDING, ANSWERED, EXPIRED }

    private final long ticket;
    private final long tag;
    private final int action;
    private final double placeholder;
    private final long time;
    private Status status;
    private double[] x;

    public PendingDecision(long ticket, long tag, int action, double placeholder, long time, double[] x) {
        this.ticket = ticket;
        this.tag = tag;
        this.action = action;
        this.placeholder = placeholder;
        this.time = time;
        this.status = Status.PENDING;
        this.x = x;
    }

    /** The same decision stamped with the request's event time. */
    public PendingDecision at(long eventTime) {
        return new PendingDecision(ticket, tag, action, placeholder, eventTime, x);
    }

    public long ticket() {
        return ticket;
    }

    public long tag() {
        return tag;
    }

    public int action() {
        return action;
    }

    public double placeholder() {
        return placeholder;
    }

    /** Event time of the request (epoch ms). */
    public long time() {
        return time;
    }

    public Status status() {
        return status;
    }

    public double[] x() {
        return x;
    }

    /** Marks it answered or expired and drops x: the tombstone left behind. */
    public void close(Status closed) {
        if (closed == Status.PENDING) {
            throw new IllegalArgumentException("close with ANSWERED or EXPIRED");
        }
        status = closed;
        x = null;
    }

    public int bytes() {
        return 1 + 8 + 8 + 2 + 8 + 8 + 1 + 2 + 8 * (x == null ? 0 : x.length);
    }

    public byte[] toBytes() {
        StateOutput out = new StateOutput(bytes());
        try {
            write(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(ticket);
        out.writeLong(tag);
        out.writeShort(action);
        out.writeDouble(placeholder);
        out.writeLong(time);
        out.writeByte(status.ordinal());
        int d = x == null ? 0 : x.length;
        out.writeShort(d);
        if (d > 0) {
            StateOutput.writeDoubles(out, x, 0, d);
        }
    }

    public static PendingDecision fromBytes(byte[] bytes) throws IOException {
        StateInput in = new StateInput(bytes);
        PendingDecision p = read(in);
        if (in.remaining() != 0) {
            throw new IOException("pending decision has " + in.remaining() + " unread bytes");
        }
        return p;
    }

    public static PendingDecision read(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown pending-decision version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        long ticket = in.readLong();
        long tag = in.readLong();
        int action = in.readUnsignedShort();
        double placeholder = in.readDouble();
        long time = in.readLong();
        int status = in.readUnsignedByte();
        if (status >= Status.values().length) {
            throw new IOException("unknown pending-decision status " + status);
        }
        int d = in.readUnsignedShort();
        double[] x = d == 0 ? null : new double[d];
        if (d > 0) {
            StateInput.readDoubles(in, x, 0, d);
        }
        PendingDecision p = new PendingDecision(ticket, tag, action, placeholder, time, x);
        p.status = Status.values()[status];
        return p;
    }
}
