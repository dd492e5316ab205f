package io.witness.operators.monitor;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growable byte array, for writing per-key state. Same bytes as
 * {@link DataOutputStream} (big-endian, IEEE 754), but each primitive is one store into a
 * {@link ByteBuffer} instead of a synchronized stream write: the streaming job serialises a key's
 * whole model on every event, and with {@code DataOutputStream} over {@code ByteArrayOutputStream}
 * that copy cost ~25x the model update itself (measured by {@code SkitUpdateBenchmark}).
 * Not thread-safe.
 */
public final class StateOutput implements DataOutput {
    private ByteBuffer buf;

    /** @param expectedBytes initial capacity; pass the exact state size to avoid any copy */
    public StateOutput(int expectedBytes) {
        buf = ByteBuffer.allocate(Math.max(16, expectedBytes));
    }

    /** The bytes written so far (a copy only when the capacity was not exact). */
    public byte[] toByteArray() {
        return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
    }

    public int size() {
        return buf.position();
    }

    private ByteBuffer room(int bytes) {
        if (buf.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + bytes));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }

    @Override
    public void write(int b) {
        room(1).put((byte) b);
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        room(len).put(b, off, len);
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        room(2).putShort((short) v);
    }

    @Override
    public void writeChar(int v) {
        room(2).putChar((char) v);
    }

    @Override
    public void writeInt(int v) {
        room(4).putInt(v);
    }

    @Override
    public void writeLong(long v) {
        room(8).putLong(v);
    }

    @Override
    public void writeFloat(float v) {
        room(4).putFloat(v);
    }

    @Override
    public void writeDouble(double v) {
        room(8).putDouble(v);
    }

    /**
     * Writes {@code len} doubles of {@code a} from {@code off}: the bytes of as many
     * {@link DataOutput#writeDouble} calls, in one bulk copy when {@code out} is a {@link StateOutput}.
     */
    public static void writeDoubles(DataOutput out, double[] a, int off, int len) throws IOException {
        if (out instanceof StateOutput s) {
            ByteBuffer b = s.room(8 * len);
            b.asDoubleBuffer().put(a, off, len);
            b.position(b.position() + 8 * len);
        } else {
            for (int i = off; i < off + len; i++) {
                out.writeDouble(a[i]);
            }
        }
    }

    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 exactly as {@link DataOutputStream#writeUTF} (rare in state: delegated). */
    @Override
    public void writeUTF(String s) {
        ByteArrayOutputStream tmp = new ByteArrayOutputStream(s.length() + 2);
        try (DataOutputStream d = new DataOutputStream(tmp)) {
            d.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(tmp.toByteArray());
    }
}
