package io.witness.operators.nplm;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last {@code capacity} standardised events of a key (a ring of rows and their event times) and the
 * count-window schedule: a test is due when the ring is full and {@code slide} events have arrived
 * since the last test (tumbling when slide = capacity). Not thread-safe.
 */
final class WindowBuffer {

    private final int capacity;
    private final int d;
    private final int slide;
    private final double[] rows;
    private final long[] times;
    private int count;
    private int next;
    private int sinceTest;

    WindowBuffer(int capacity, int d, int slide) {
        this.capacity = capacity;
        this.d = d;
        this.slide = slide;
        this.rows = new double[capacity * d];
        this.times = new long[capacity];
    }

    /** Appends a standardised row; the oldest is dropped once full. */
    void add(double[] row, int off, long time) {
        System.arraycopy(row, off, rows, next * d, d);
        times[next] = time;
        next = next + 1 == capacity ? 0 : next + 1;
        if (count < capacity) {
            count++;
        }
        sinceTest++;
    }

    /** Whether a test is due now (call after {@link #add}). */
    boolean due() {
        return count == capacity && sinceTest >= slide;
    }

    /** Marks the test as done. */
    void tested() {
        sinceTest = 0;
    }

    /** Forgets the events (keeps nothing for the next test). */
    void clear() {
        count = 0;
        next = 0;
        sinceTest = 0;
    }

    int count() {
        return count;
    }

    /** The rows oldest first, row-major {@code count × d}. */
    double[] rowsInOrder() {
        double[] out = new double[count * d];
        int start = count < capacity ? 0 : next;
        for (int i = 0; i < count; i++) {
            int r = (start + i) % capacity;
            System.arraycopy(rows, r * d, out, i * d, d);
        }
        return out;
    }

    /** The event times oldest first. */
    long[] timesInOrder() {
        long[] out = new long[count];
        int start = count < capacity ? 0 : next;
        for (int i = 0; i < count; i++) {
            out[i] = times[(start + i) % capacity];
        }
        return out;
    }

    WindowBuffer copy() {
        WindowBuffer c = new WindowBuffer(capacity, d, slide);
        System.arraycopy(rows, 0, c.rows, 0, rows.length);
        System.arraycopy(times, 0, c.times, 0, times.length);
        c.count = count;
        c.next = next;
        c.sinceTest = sinceTest;
        return c;
    }

    /** Bytes of {@link #write}: {@code 8 + count·(8·d + 8)} — two ints, then the rows and times, oldest first. */
    int bytes() {
        return 8 + count * (8 * d + 8);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(count);
        out.writeInt(sinceTest);
        StateOutput.writeDoubles(out, rowsInOrder(), 0, count * d);
        for (long t : timesInOrder()) {
            out.writeLong(t);
        }
    }

    void read(DataInput in) throws IOException {
        int c = in.readInt();
        int since = in.readInt();
        if (c < 0 || c > capacity || since < 0) {
            throw new IOException("window of " + c + " events (capacity " + capacity + "), " + since + " since test");
        }
        StateInput.readDoubles(in, rows, 0, c * d);
        for (int i = 0; i < c; i++) {
            times[i] = in.readLong();
        }
        count = c;
        next = c == capacity ? 0 : c;
        sinceTest = since;
    }
}
