package io.witness.operators.monitor;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A {@link DataInput} over a byte array, for reading per-key state written by {@link StateOutput} (or
 * any {@link java.io.DataOutputStream}: the bytes are the same). Reading past the end throws
 * {@link EOFException}, like {@link DataInputStream}, so truncated state fails as an I/O error.
 * Not thread-safe.
 */
public final class StateInput implements DataInput {
    private final ByteBuffer buf;

    public StateInput(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes);
    }

    /** Bytes not read yet. */
    public int remaining() {
        return buf.remaining();
    }

    private ByteBuffer need(int bytes) throws EOFException {
        if (buf.remaining() < bytes) {
            throw new EOFException("state ends after " + buf.position() + " bytes; " + bytes + " more expected");
        }
        return buf;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        need(len).get(b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int k = Math.max(0, Math.min(n, buf.remaining()));
        buf.position(buf.position() + k);
        return k;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return need(1).get() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return need(1).get();
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return need(1).get() & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        return need(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return need(2).getShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return need(2).getChar();
    }

    @Override
    public int readInt() throws IOException {
        return need(4).getInt();
    }

    @Override
    public long readLong() throws IOException {
        return need(8).getLong();
    }

    @Override
    public float readFloat() throws IOException {
        return need(4).getFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return need(8).getDouble();
    }

    /**
     * Reads {@code len} doubles into {@code a} from {@code off}, as many {@link DataInput#readDouble}
     * calls would, in one bulk copy when {@code in} is a {@link StateInput}.
     */
    public static void readDoubles(DataInput in, double[] a, int off, int len) throws IOException {
        if (in instanceof StateInput s) {
            ByteBuffer b = s.need(8 * len);
            b.asDoubleBuffer().get(a, off, len);
            b.position(b.position() + 8 * len);
        } else {
            for (int i = off; i < off + len; i++) {
                a[i] = in.readDouble();
            }
        }
    }

    /** Not part of any state format (it has no defined encoding). */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("readLine is not used in state formats");
    }

    @Override
    public String readUTF() throws IOException {
        try {
            return DataInputStream.readUTF(this);
        } catch (BufferUnderflowException e) {
            throw new EOFException("state ends inside a string");
        }
    }
}
