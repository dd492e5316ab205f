package io.witness.operators.compute.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.Shapes;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;
import java.util.Arrays;
import java.util.Locale;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend: the project's own kernels ({@code operators/src/main/cuda/witness_kernels.cu}, PTX
 * for {@code compute_80} loaded with {@code cuModuleLoadData}) through the JCuda driver API only. Every
 * driver call is checked ({@link JCudaDriver#setExceptionsEnabled}: a failure throws
 * {@code CudaException}).
 *
 * <p>It works in the device's primary context, so the double and the float backend of a JVM share one
 * context. Calls are serialised ({@code synchronized}). Device buffers and pinned staging buffers are
 * kept and only grow. The row-chunked operations run on two streams: while one chunk's kernels run, the
 * other stream copies the next chunk of A in (or the last chunk's result out) from pinned memory, and
 * the host fills or drains the staging buffer of the chunk before — transfers overlap compute.
 *
 * <p>Sums of a kernel-vector product are split over slices of B (enough blocks to fill the device),
 * each slice written to its own partial, and the partials added in slice order: the result does not
 * depend on scheduling. {@code knmTransposeKnm} keeps X on the device between its two passes:
 * {@code u = w ∘ K(X, C) v}, then {@code K(C, X) u} (every kernel here is symmetric).
 */
public final class CudaBackend implements ComputeBackend {

    /** Threads per block; {@code WITNESS_THREADS} in the CUDA source. */
    static final int THREADS = 128;
    /** Columns of V per launch; {@code WITNESS_MAX_COLUMNS} in the CUDA source. */
    static final int MAX_COLUMNS = 4;
    /** Points staged in shared memory per step (fewer when d is large). */
    static final int TILE = 32;
    /** Dynamic shared memory per block without opting in to more. */
    static final int SHARED_BYTES = 48 * 1024;
    /** Rows of A per pipelined chunk of a kernel-vector product. */
    static final int CHUNK_ROWS = 1 << 16;
    /** Entries of K per pipelined chunk of a Gram block (32 MiB in double). */
    static final long GRAM_CHUNK = 1L << 22;
    /** Elements per one-off staged upload. */
    static final int STAGE_ELEMENTS = 1 << 22;
    static final int MAX_GRID_Y = 65535;

    private final Precision precision;
    private final boolean asFloat;
    private final int elem;
    private final CUdevice device;
    private final CUcontext context;
    private final CudaModule kernels;
    private final CUstream[] streams = new CUstream[2];
    private final String deviceName;
    private final int multiprocessors;

    private final DeviceBuffer dB = new DeviceBuffer();
    private final DeviceBuffer dV = new DeviceBuffer();
    private final DeviceBuffer dW = new DeviceBuffer();
    private final DeviceBuffer dX = new DeviceBuffer();
    private final DeviceBuffer dU = new DeviceBuffer();
    private final DeviceBuffer dSmall = new DeviceBuffer();
    private final DeviceBuffer[] dA = {new DeviceBuffer(), new DeviceBuffer()};
    private final DeviceBuffer[] dOut = {new DeviceBuffer(), new DeviceBuffer()};
    private final DeviceBuffer[] dPartial = {new DeviceBuffer(), new DeviceBuffer()};
    private final PinnedBuffer[] hIn = {new PinnedBuffer(), new PinnedBuffer()};
    private final PinnedBuffer[] hOut = {new PinnedBuffer(), new PinnedBuffer()};
    private boolean closed;

    /** Device 0. */
    public CudaBackend(Precision precision) {
        this(0, precision);
    }

    public CudaBackend(int deviceOrdinal, Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("precision is null");
        }
        this.precision = precision;
        this.asFloat = precision == Precision.FLOAT;
        this.elem = asFloat ? Float.BYTES : Double.BYTES;
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, deviceOrdinal);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        deviceName = new String(name, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "").trim();
        int[] sm = {0};
        JCudaDriver.cuDeviceGetAttribute(sm, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
        multiprocessors = Math.max(1, sm[0]);
        context = new CUcontext();
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        CudaModule loaded = null;
        try {
            JCudaDriver.cuCtxSetCurrent(context);
            loaded = new CudaModule(precision);
            for (int s = 0; s < 2; s++) {
                streams[s] = new CUstream();
                JCudaDriver.cuStreamCreate(streams[s], CUstream_flags.CU_STREAM_NON_BLOCKING);
            }
        } catch (Throwable t) {
            for (CUstream s : streams) {
                if (s != null) {
                    quietly(() -> JCudaDriver.cuStreamDestroy(s));
                }
            }
            if (loaded != null) {
                CudaModule m = loaded;
                quietly(m::unload);
            }
            quietly(() -> JCudaDriver.cuDevicePrimaryCtxRelease(device));
            throw t;
        }
        kernels = loaded;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return "cuda: " + deviceName + " (" + multiprocessors + " SMs), " + precision.name().toLowerCase(Locale.ROOT)
                + ", PTX compute_80";
    }

    @Override
    public Precision precision() {
        return precision;
    }

    // ---- operations ------------------------------------------------------------------------------

    @Override
    public synchronized void gram(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        Shapes.points("a", a, n, d);
        Shapes.points("b", b, m, d);
        Shapes.atLeast("out", out, (long) n * m);
        if (n == 0 || m == 0) {
            return;
        }
        enter();
        CUdeviceptr db = upload(dB, b, 0, m * d);
        int tile = tile(d);
        int chunk = (int) Math.max(1, Math.min(Math.min(n, GRAM_CHUNK / m), (long) MAX_GRID_Y * tile));
        double[] p = k.parameters();
        Pipeline pipe = new Pipeline(out, m);
        for (int r0 = 0, q = 0; r0 < n; r0 += chunk, q++) {
            int rows = Math.min(chunk, n - r0);
            int s = q & 1;
            pipe.drain(s);
            CUdeviceptr da = stageRows(s, a, r0, rows, d, dA[s].ensure((long) rows * d * elem));
            CUdeviceptr dout = dOut[s].ensure((long) rows * m * elem);
            Pointer params = Pointer.to(Pointer.to(da), Pointer.to(db), ints(rows), ints(m), ints(d),
                    ints(k.kind().ordinal()), doubles(p[0]), doubles(p[1]), doubles(p[2]), ints(tile), Pointer.to(dout));
            launch(kernels.gram(d), ceil(m, THREADS), ceil(rows, tile), THREADS, tile * d * elem, streams[s], params);
            pipe.download(s, dout, r0, rows);
        }
        pipe.finish();
    }

    @Override
    public synchronized void kernelTimes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c,
                                         double[] out) {
        Shapes.points("a", a, n, d);
        Shapes.points("b", b, m, d);
        if (c < 1) {
            throw new IllegalArgumentException("columns of V must be >= 1, got " + c);
        }
        Shapes.atLeast("v", v, (long) m * c);
        Shapes.atLeast("out", out, (long) n * c);
        Arrays.fill(out, 0, n * c, 0.0);
        if (n == 0 || m == 0) {
            return;
        }
        enter();
        CUdeviceptr db = upload(dB, b, 0, m * d);
        CUdeviceptr dv = upload(dV, v, 0, m * c);
        kernelRows(k, a, n, d, db, m, dv, c, out);
    }

    @Override
    public synchronized void rowSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        Shapes.points("a", a, n, d);
        Shapes.points("b", b, m, d);
        Shapes.atLeast("out", out, n);
        Arrays.fill(out, 0, n, 0.0);
        if (n == 0 || m == 0) {
            return;
        }
        enter();
        CUdeviceptr db = upload(dB, b, 0, m * d);
        kernelRows(k, a, n, d, db, m, null, 1, out);
    }

    /** Column sums are the row sums of K(B, A): every kernel here is symmetric. */
    @Override
    public void columnSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        rowSums(k, b, m, a, n, d, out);
    }

    @Override
    public synchronized void featureMap(FeatureMap map, double invSigma, double[] x, int n, double[] out) {
        int d = map.inputDim();
        int p = map.projections();
        int dim = map.outputDim();
        Shapes.points("x", x, n, d);
        Shapes.atLeast("out", out, (long) n * dim);
        if (n == 0) {
            return;
        }
        enter();
        CUdeviceptr dw = upload(dB, map.projection(), 0, p * d);
        int form = map.form().ordinal();
        int chunk = (int) Math.max(1, Math.min(Math.min(n, MAX_GRID_Y), GRAM_CHUNK / dim));
        Pipeline pipe = new Pipeline(out, dim);
        for (int r0 = 0, q = 0; r0 < n; r0 += chunk, q++) {
            int rows = Math.min(chunk, n - r0);
            int s = q & 1;
            pipe.drain(s);
            CUdeviceptr dx = stageRows(s, x, r0, rows, d, dA[s].ensure((long) rows * d * elem));
            CUdeviceptr dout = dOut[s].ensure((long) rows * dim * elem);
            Pointer params = Pointer.to(Pointer.to(dx), ints(rows), ints(d), Pointer.to(dw), ints(p), ints(form),
                    doubles(invSigma), doubles(map.scale()), Pointer.to(dout));
            launch(kernels.featureMap(), ceil(p, THREADS), rows, THREADS, 0, streams[s], params);
            pipe.download(s, dout, r0, rows);
        }
        pipe.finish();
    }

    @Override
    public synchronized void knmTransposeKnm(Kernel k, double[] x, int n, double[] centres, int m, int d,
                                             double[] w, double[] v, double[] out) {
        Shapes.points("x", x, n, d);
        Shapes.points("centres", centres, m, d);
        Shapes.atLeast("v", v, m);
        Shapes.atLeast("out", out, m);
        if (w != null) {
            Shapes.atLeast("w", w, n);
        }
        Arrays.fill(out, 0, m, 0.0);
        if (n == 0 || m == 0) {
            return;
        }
        enter();
        CUdeviceptr dc = upload(dB, centres, 0, m * d);
        CUdeviceptr dv = upload(dV, v, 0, m);
        CUdeviceptr dw = w == null ? null : upload(dW, w, 0, n);
        CUdeviceptr dx = dX.ensure((long) n * d * elem);
        CUdeviceptr du = dU.ensure((long) n * elem);
        // pass 1, pipelined over chunks of X, which stays on the device: u = w ∘ K(X, C) v
        int chunk = Math.min(n, CHUNK_ROWS);
        boolean[] busy = new boolean[2];
        for (int r0 = 0, q = 0; r0 < n; r0 += chunk, q++) {
            int rows = Math.min(chunk, n - r0);
            int s = q & 1;
            if (busy[s]) {
                JCudaDriver.cuStreamSynchronize(streams[s]);
            }
            CUdeviceptr xs = stageRows(s, x, r0, rows, d, dx.withByteOffset((long) r0 * d * elem));
            launchKernelVector(streams[s], xs, rows, dc, m, d, dv, 1, 1, k,
                    dw == null ? null : dw.withByteOffset((long) r0 * elem), du.withByteOffset((long) r0 * elem), 1,
                    dPartial[s]);
            busy[s] = true;
        }
        JCudaDriver.cuStreamSynchronize(streams[0]);
        JCudaDriver.cuStreamSynchronize(streams[1]);
        // pass 2: out = K(C, X) u
        CUdeviceptr dout = dSmall.ensure((long) m * elem);
        launchKernelVector(streams[0], dc, m, dx, n, d, du, 1, 1, k, null, dout, 1, dPartial[0]);
        download(dout, m, out, 0);
    }

    // ---- pieces ----------------------------------------------------------------------------------

    /** K(A, B)·V for host rows of A, pipelined over chunks of rows; V on the device (null: ones). */
    private void kernelRows(Kernel k, double[] a, int n, int d, CUdeviceptr db, int m, CUdeviceptr dv, int c,
                            double[] out) {
        int chunk = Math.min(n, CHUNK_ROWS);
        Pipeline pipe = new Pipeline(out, c);
        for (int r0 = 0, q = 0; r0 < n; r0 += chunk, q++) {
            int rows = Math.min(chunk, n - r0);
            int s = q & 1;
            pipe.drain(s);
            CUdeviceptr da = stageRows(s, a, r0, rows, d, dA[s].ensure((long) rows * d * elem));
            CUdeviceptr dout = dOut[s].ensure((long) rows * c * elem);
            launchKernelVector(streams[s], da, rows, db, m, d, dv, c, c, k, null, dout, c, dPartial[s]);
            pipe.download(s, dout, r0, rows);
        }
        pipe.finish();
    }

    /**
     * Queues {@code out[i*ldo + r] = (w ? w_i : 1) Σ_j k(a_i, b_j) v[j*ldv + r]} on a stream: the sliced
     * kernel-vector kernel, then the ordered reduction of its slices, four columns of V at a time.
     */
    private void launchKernelVector(CUstream stream, CUdeviceptr a, int rows, CUdeviceptr b, int m, int d,
                                    CUdeviceptr v, int ldv, int c, Kernel k, CUdeviceptr w, CUdeviceptr out, int ldo,
                                    DeviceBuffer partialBuffer) {
        int tile = tile(d + MAX_COLUMNS);
        int rowBlocks = ceil(rows, THREADS);
        int maxSlices = Math.min(ceil(m, tile), MAX_GRID_Y);
        int slices = Math.max(1, Math.min(maxSlices, ceil(8 * multiprocessors, rowBlocks)));
        int perSlice = ceil(m, slices);
        slices = ceil(m, perSlice);
        int shared = (tile * d + tile * MAX_COLUMNS) * elem;
        double[] p = k.parameters();
        int kind = k.kind().ordinal();
        CUdeviceptr part = partialBuffer.ensure((long) slices * rows * Math.min(c, MAX_COLUMNS) * elem);
        for (int col0 = 0; col0 < c; col0 += MAX_COLUMNS) {
            int cc = Math.min(MAX_COLUMNS, c - col0);
            Pointer kv = Pointer.to(Pointer.to(a), Pointer.to(b), ints(rows), ints(m), ints(d), pointerOrNull(v),
                    ints(ldv), ints(col0), ints(cc), ints(kind), doubles(p[0]), doubles(p[1]), doubles(p[2]),
                    ints(perSlice), ints(tile), Pointer.to(part));
            launch(kernels.kv(d), rowBlocks, slices, THREADS, shared, stream, kv);
            int total = rows * cc;
            Pointer red = Pointer.to(Pointer.to(part), ints(slices), ints(rows), ints(cc), pointerOrNull(w),
                    Pointer.to(out), ints(ldo), ints(col0));
            launch(kernels.reduce(), ceil(total, 256), 1, 256, 0, stream, red);
        }
    }

    /**
     * Two-stream pipeline state for results copied back chunk by chunk: a stream's previous chunk is
     * drained (synchronised and copied from pinned memory into the Java array) before its buffers are
     * reused, so the other stream keeps the device busy meanwhile.
     */
    private final class Pipeline {
        private final double[] out;
        private final int rowWidth;
        private final int[] start = {-1, -1};
        private final int[] rows = {0, 0};

        Pipeline(double[] out, int rowWidth) {
            this.out = out;
            this.rowWidth = rowWidth;
        }

        void drain(int s) {
            if (start[s] >= 0) {
                JCudaDriver.cuStreamSynchronize(streams[s]);
                HostStaging.get(hOut[s].bytes(), asFloat, out, start[s] * rowWidth, rows[s] * rowWidth);
                start[s] = -1;
            }
        }

        void download(int s, CUdeviceptr src, int r0, int count) {
            long bytes = (long) count * rowWidth * elem;
            hOut[s].ensure(bytes);
            JCudaDriver.cuMemcpyDtoHAsync(hOut[s].pointer(), src, bytes, streams[s]);
            start[s] = r0;
            rows[s] = count;
        }

        void finish() {
            drain(0);
            drain(1);
        }
    }

    /** Fills stream s's pinned buffer with rows of a host matrix and queues the copy to {@code dst}. */
    private CUdeviceptr stageRows(int s, double[] src, int r0, int rows, int d, CUdeviceptr dst) {
        long bytes = (long) rows * d * elem;
        hIn[s].ensure(bytes);
        HostStaging.put(src, r0 * d, rows * d, hIn[s].bytes(), asFloat);
        JCudaDriver.cuMemcpyHtoDAsync(dst, hIn[s].pointer(), bytes, streams[s]);
        return dst;
    }

    /** Copies {@code src[off..off+len)} to a device buffer through pinned memory; returns when done. */
    private CUdeviceptr upload(DeviceBuffer buffer, double[] src, int off, int len) {
        CUdeviceptr dst = buffer.ensure((long) len * elem);
        for (int done = 0; done < len; done += STAGE_ELEMENTS) {
            int part = Math.min(STAGE_ELEMENTS, len - done);
            long bytes = (long) part * elem;
            hIn[0].ensure(bytes);
            HostStaging.put(src, off + done, part, hIn[0].bytes(), asFloat);
            JCudaDriver.cuMemcpyHtoDAsync(dst.withByteOffset((long) done * elem), hIn[0].pointer(), bytes, streams[0]);
            JCudaDriver.cuStreamSynchronize(streams[0]);
        }
        return dst;
    }

    /** Copies {@code len} elements from the device into {@code dst[off..)}; returns when done. */
    private void download(CUdeviceptr src, int len, double[] dst, int off) {
        for (int done = 0; done < len; done += STAGE_ELEMENTS) {
            int part = Math.min(STAGE_ELEMENTS, len - done);
            long bytes = (long) part * elem;
            hOut[0].ensure(bytes);
            JCudaDriver.cuMemcpyDtoHAsync(hOut[0].pointer(), src.withByteOffset((long) done * elem), bytes, streams[0]);
            JCudaDriver.cuStreamSynchronize(streams[0]);
            HostStaging.get(hOut[0].bytes(), asFloat, dst, off + done, part);
        }
    }

    /** Points that fit in shared memory at {@code perPoint} elements each, at most {@link #TILE}. */
    private int tile(int perPoint) {
        int t = Math.min(TILE, SHARED_BYTES / (perPoint * elem));
        if (t < 1) {
            throw new IllegalArgumentException("dimension too large for the CUDA kernels: " + perPoint
                    + " values per point do not fit in " + SHARED_BYTES + " bytes of shared memory");
        }
        return t;
    }

    private static void launch(CUfunction f, int gridX, int gridY, int block, int shared, CUstream stream,
                               Pointer params) {
        JCudaDriver.cuLaunchKernel(f, gridX, gridY, 1, block, 1, 1, shared, stream, params, null);
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        JCudaDriver.cuCtxSetCurrent(context);
    }

    private static int ceil(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    private static Pointer ints(int v) {
        return Pointer.to(new int[] {v});
    }

    private static Pointer doubles(double v) {
        return Pointer.to(new double[] {v});
    }

    /** A kernel argument holding a device pointer, or the null pointer. */
    private static Pointer pointerOrNull(CUdeviceptr p) {
        return p == null ? Pointer.to(new long[] {0L}) : Pointer.to(p);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietly(() -> JCudaDriver.cuCtxSetCurrent(context));
        for (CUstream s : streams) {
            quietly(() -> JCudaDriver.cuStreamSynchronize(s));
        }
        for (DeviceBuffer b : new DeviceBuffer[] {dB, dV, dW, dX, dU, dSmall, dA[0], dA[1], dOut[0], dOut[1],
                dPartial[0], dPartial[1]}) {
            quietly(b::free);
        }
        for (PinnedBuffer b : new PinnedBuffer[] {hIn[0], hIn[1], hOut[0], hOut[1]}) {
            quietly(b::free);
        }
        for (CUstream s : streams) {
            quietly(() -> JCudaDriver.cuStreamDestroy(s));
        }
        quietly(kernels::unload);
        quietly(() -> JCudaDriver.cuDevicePrimaryCtxRelease(device));
    }

    /** Runs a release step; a failure there must not stop the others. */
    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException ignored) {
            // releasing as much as possible is all close() can do
        }
    }
}
