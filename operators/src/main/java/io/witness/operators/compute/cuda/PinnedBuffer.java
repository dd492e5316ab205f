package io.witness.operators.compute.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.JCudaDriver;

/**
 * Page-locked host memory that only grows: the staging area of asynchronous copies, which the driver
 * can only overlap with kernels when the host side is pinned.
 */
final class PinnedBuffer {

    private Pointer ptr;
    private ByteBuffer buffer;
    private long capacity;

    Pointer ensure(long bytes) {
        long want = Math.max(bytes, 256);
        if (ptr == null || capacity < want) {
            long size = Math.max(want, Math.min(capacity + capacity / 2, Integer.MAX_VALUE - 8L));
            free();
            if (size > Integer.MAX_VALUE - 8L) {
                throw new IllegalArgumentException("staging chunk of " + size + " bytes is too large");
            }
            Pointer p = new Pointer();
            JCudaDriver.cuMemAllocHost(p, size);
            ptr = p;
            capacity = size;
            buffer = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        }
        return ptr;
    }

    Pointer pointer() {
        return ptr;
    }

    /** The pinned bytes as a native-order buffer, position 0. */
    ByteBuffer bytes() {
        buffer.clear();
        return buffer;
    }

    void free() {
        if (ptr != null) {
            Pointer p = ptr;
            ptr = null;
            buffer = null;
            capacity = 0;
            JCudaDriver.cuMemFreeHost(p);
        }
    }
}
