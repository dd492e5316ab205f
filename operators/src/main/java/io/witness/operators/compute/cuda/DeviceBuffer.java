package io.witness.operators.compute.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** Device memory that only grows: reused across calls, reallocated when a call needs more. */
final class DeviceBuffer {

    private CUdeviceptr ptr;
    private long capacity;

    /** A pointer to at least {@code bytes} bytes; the old contents are lost when it grows. */
    CUdeviceptr ensure(long bytes) {
        long want = Math.max(bytes, 256);
        if (ptr == null || capacity < want) {
            // grow by at least half again, so that slowly rising sizes do not reallocate every call
            long size = Math.max(want, capacity + capacity / 2);
            free();
            CUdeviceptr p = new CUdeviceptr();
            JCudaDriver.cuMemAlloc(p, size);
            ptr = p;
            capacity = size;
        }
        return ptr;
    }

    long capacity() {
        return capacity;
    }

    void free() {
        if (ptr != null) {
            CUdeviceptr p = ptr;
            ptr = null;
            capacity = 0;
            JCudaDriver.cuMemFree(p);
        }
    }
}
