package io.witness.operators.compute.cuda;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/** Copies between Java {@code double[]} and pinned staging memory in the device's element type. */
final class HostStaging {

    private HostStaging() {
    }

    /** Writes {@code src[off..off+len)} into {@code dst} from its start, as doubles or as floats. */
    static void put(double[] src, int off, int len, ByteBuffer dst, boolean asFloat) {
        if (asFloat) {
            FloatBuffer f = dst.asFloatBuffer();
            for (int i = 0; i < len; i++) {
                f.put(i, (float) src[off + i]);
            }
        } else {
            DoubleBuffer b = dst.asDoubleBuffer();
            b.put(src, off, len);
        }
    }

    /** Reads {@code len} elements from the start of {@code src} into {@code dst[off..off+len)}. */
    static void get(ByteBuffer src, boolean asFloat, double[] dst, int off, int len) {
        if (asFloat) {
            FloatBuffer f = src.asFloatBuffer();
            for (int i = 0; i < len; i++) {
                dst[off + i] = f.get(i);
            }
        } else {
            src.asDoubleBuffer().get(dst, off, len);
        }
    }
}
