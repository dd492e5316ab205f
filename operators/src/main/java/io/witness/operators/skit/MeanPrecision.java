package io.witness.operators.skit;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Configuration values of the {@code precision} parameter: the precision in which a random-feature
 * witness holds and stores its running means. The arithmetic is in double either way; with
 * {@link #FLOAT} every mean is rounded to float after each update, so the in-memory state is exactly
 * what is stored (a restored model continues bit for bit) at half the bytes. Rounding a history-only
 * witness is predictable, so validity (§A.3) is untouched; only power could suffer, and the
 * simulation study in operators/README.md measures that it does not.
 */
public enum MeanPrecision {
    DOUBLE(8),
    FLOAT(4);

    private final int bytes;

    MeanPrecision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per stored mean. */
    public int bytes() {
        return bytes;
    }

    /** Rounds {@code a[0..len)} to this precision in place (nothing to do for double). */
    void round(double[] a, int len) {
        if (this == FLOAT) {
            for (int i = 0; i < len; i++) {
                a[i] = (float) a[i];
            }
        }
    }

    void write(DataOutput out, double[] a, int len) throws IOException {
        if (this == FLOAT) {
            for (int i = 0; i < len; i++) {
                out.writeFloat((float) a[i]);
            }
        } else {
            StateOutput.writeDoubles(out, a, 0, len);
        }
    }

    void read(DataInput in, double[] a, int len) throws IOException {
        if (this == FLOAT) {
            for (int i = 0; i < len; i++) {
                a[i] = in.readFloat();
            }
        } else {
            StateInput.readDoubles(in, a, 0, len);
        }
    }
}
