package io.witness.operators.compute.cpu;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.Shapes;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;
import java.util.Arrays;

/**
 * The CPU backend: blocked, multi-threaded, plain Java that C2 vectorises. B is packed once per call
 * into coordinate-major blocks of {@link Blocking#COLS} points; a micro-kernel computes four rows of A
 * against one block (one B load per four FMAs), then applies the kernel's profile; the fused products
 * consume each block as it is made, so K is never held beyond a block (the Falkon product: a strip of at
 * most {@link Blocking#STRIP_BUDGET} values per thread). Rows of A are split into units of
 * {@link Blocking#ROWS_PER_UNIT} over a fixed pool of daemon threads, the caller included; calls
 * smaller than {@link Blocking#SERIAL_WORK} flops stay on the caller. Block sizes do not depend on the
 * thread count, so the results are bitwise the same for any number of threads.
 *
 * <p>Squared distances use {@code max(0, ‖a‖² + ‖b‖² − 2a·b)} from d = {@link Blocking#DOT_FORM_MIN_D}
 * on and direct differences below (spec kernel-tests.md §0.3); either way k(a, b) = k(b, a) exactly,
 * which {@link #columnSums} relies on.
 */
public final class CpuBackend implements ComputeBackend {

    /**
     * System property for the double-precision micro-kernel written with the incubator Vector API:
     * unset, it is used whenever the JVM runs with {@code --add-modules jdk.incubator.vector}, the flag
     * that enables it; {@code false} keeps the plain loops; {@code true} asks for it (and
     * {@link #description()} says so when the module is missing).
     */
    public static final String VECTOR_PROPERTY = "witness.compute.vector";

    private final Precision precision;
    private final WorkerPool pool;
    private final boolean vector;
    private final String vectorNote;

    /** All of the machine's cores, double precision. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors(), Precision.DOUBLE);
    }

    /**
     * Vector API kernels as {@link #VECTOR_PROPERTY} says.
     *
     * @param threads threads working on one call, the caller included (1 = no pool at all)
     */
    public CpuBackend(int threads, Precision precision) {
        this(threads, precision, vectorRequested());
    }

    private static boolean vectorRequested() {
        String p = System.getProperty(VECTOR_PROPERTY);
        return p == null || p.isBlank() ? VectorKernels.available() : Boolean.parseBoolean(p.trim());
    }

    /**
     * @param vectorApi use the Vector API micro-kernel for double precision where the JVM has the
     *                  module (float keeps the plain loops)
     */
    public CpuBackend(int threads, Precision precision, boolean vectorApi) {
        if (precision == null) {
            throw new IllegalArgumentException("precision is null");
        }
        this.precision = precision;
        boolean available = vectorApi && VectorKernels.available();
        this.vector = available && precision == Precision.DOUBLE;
        this.vectorNote = !vectorApi ? "JIT-vectorised loops"
                : !available ? "JIT-vectorised loops (Vector API requested, but jdk.incubator.vector is not loaded)"
                : vector ? "Vector API kernels" : "JIT-vectorised loops (Vector API kernels are double only)";
        this.pool = new WorkerPool(threads);
    }

    /** Whether the Vector API micro-kernel is in use. */
    public boolean vectorApi() {
        return vector;
    }

    public int threads() {
        return pool.parallelism();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu: " + pool.parallelism() + " threads, " + precision.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + vectorNote;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    private RowKernel rowKernel(double[] a, int n, double[] b, int m, int d, DistanceForm form, Profile profile) {
        if (precision == Precision.FLOAT) {
            return new FloatRowKernel(a, n, b, m, d, form, profile);
        }
        return vector ? VectorKernels.doubles(a, b, m, d, form, profile) : new DoubleRowKernel(a, n, b, m, d, form, profile);
    }

    private RowKernel kernelRows(Kernel k, double[] a, int n, double[] b, int m, int d) {
        return rowKernel(a, n, b, m, d, DistanceForm.of(k.kind().distance(), d), new Profile(k));
    }

    private static int units(int n) {
        return (n + Blocking.ROWS_PER_UNIT - 1) / Blocking.ROWS_PER_UNIT;
    }

    private static boolean parallel(long n, long m, long d) {
        return Blocking.work(n, m, d) >= Blocking.SERIAL_WORK;
    }

    @Override
    public void gram(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        Shapes.points("a", a, n, d);
        Shapes.points("b", b, m, d);
        Shapes.atLeast("out", out, (long) n * m);
        if (n == 0 || m == 0) {
            return;
        }
        RowKernel rk = kernelRows(k, a, n, b, m, d);
        pool.run(units(n), parallel(n, m, d), u -> {
            Scratch s = Scratch.get();
            int i0 = u * Blocking.ROWS_PER_UNIT;
            int i1 = Math.min(n, i0 + Blocking.ROWS_PER_UNIT);
            for (int blk = 0; blk < rk.blocks(); blk++) {
                int w = rk.width(blk);
                int col = blk * Blocking.COLS;
                for (int i = i0; i < i1; i += Blocking.GROUP) {
                    int rows = Math.min(Blocking.GROUP, i1 - i);
                    rk.compute(i, rows, blk, s.kr, s);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(s.kr[r], 0, out, (i + r) * m + col, w);
                    }
                }
            }
        });
    }

    @Override
    public void kernelTimes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c, double[] out) {
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
        kernelTimesInto(kernelRows(k, a, n, b, m, d), n, m, d, v, c, out);
    }

    @Override
    public void rowSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        Shapes.points("a", a, n, d);
        Shapes.points("b", b, m, d);
        Shapes.atLeast("out", out, n);
        Arrays.fill(out, 0, n, 0.0);
        if (n == 0 || m == 0) {
            return;
        }
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        kernelTimesInto(kernelRows(k, a, n, b, m, d), n, m, d, ones, 1, out);
    }

    /** Column sums are the row sums of K(B, A): every kernel here is symmetric, bit for bit. */
    @Override
    public void columnSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        rowSums(k, b, m, a, n, d, out);
    }

    /** V split by block (and by column for c &gt; 1), each piece indexed from 0 for the vectorised loops. */
    private static double[][] splitV(double[] v, int m, int c) {
        int blocks = Blocking.blocks(m);
        double[][] parts = new double[blocks * c][];
        for (int blk = 0; blk < blocks; blk++) {
            int w = Blocking.width(m, blk);
            int start = blk * Blocking.COLS;
            for (int col = 0; col < c; col++) {
                double[] p = new double[w];
                for (int j = 0; j < w; j++) {
                    p[j] = v[(start + j) * c + col];
                }
                parts[blk * c + col] = p;
            }
        }
        return parts;
    }

    private void kernelTimesInto(RowKernel rk, int n, int m, int d, double[] v, int c, double[] out) {
        double[][] vp = splitV(v, m, c);
        pool.run(units(n), parallel(n, m, d + c), u -> {
            Scratch s = Scratch.get();
            int i0 = u * Blocking.ROWS_PER_UNIT;
            int i1 = Math.min(n, i0 + Blocking.ROWS_PER_UNIT);
            if (c == 1) {
                // per row, per column position: Σ over blocks, vectorised; reduced once at the end
                for (int r = 0; r < i1 - i0; r++) {
                    Arrays.fill(s.acc[r], 0.0);
                }
                for (int blk = 0; blk < rk.blocks(); blk++) {
                    int w = rk.width(blk);
                    double[] vb = vp[blk];
                    for (int i = i0; i < i1; i += Blocking.GROUP) {
                        int rows = Math.min(Blocking.GROUP, i1 - i);
                        rk.compute(i, rows, blk, s.kr, s);
                        for (int r = 0; r < rows; r++) {
                            double[] kr = s.kr[r];
                            double[] acc = s.acc[i - i0 + r];
                            for (int j = 0; j < w; j++) {
                                acc[j] = Math.fma(kr[j], vb[j], acc[j]);
                            }
                        }
                    }
                }
                for (int i = i0; i < i1; i++) {
                    out[i] = Sums.sum(s.acc[i - i0], Blocking.COLS);
                }
            } else {
                for (int blk = 0; blk < rk.blocks(); blk++) {
                    int w = rk.width(blk);
                    for (int i = i0; i < i1; i += Blocking.GROUP) {
                        int rows = Math.min(Blocking.GROUP, i1 - i);
                        rk.compute(i, rows, blk, s.kr, s);
                        for (int r = 0; r < rows; r++) {
                            double[] kr = s.kr[r];
                            int o = (i + r) * c;
                            for (int col = 0; col < c; col++) {
                                out[o + col] += Sums.dot(kr, vp[blk * c + col], w);
                            }
                        }
                    }
                }
            }
        });
    }

    @Override
    public void featureMap(FeatureMap map, double invSigma, double[] x, int n, double[] out) {
        int d = map.inputDim();
        int p = map.projections();
        int dim = map.outputDim();
        Shapes.points("x", x, n, d);
        Shapes.atLeast("out", out, (long) n * dim);
        if (n == 0) {
            return;
        }
        boolean trig = map.form() == FeatureMap.Form.TRIGONOMETRIC;
        double scale = map.scale();
        RowKernel rk = rowKernel(x, n, map.projection(), p, d, DistanceForm.DOT, null);
        pool.run(units(n), parallel(n, p, d), u -> {
            Scratch s = Scratch.get();
            int i0 = u * Blocking.ROWS_PER_UNIT;
            int i1 = Math.min(n, i0 + Blocking.ROWS_PER_UNIT);
            for (int blk = 0; blk < rk.blocks(); blk++) {
                int w = rk.width(blk);
                int col = blk * Blocking.COLS;
                for (int i = i0; i < i1; i += Blocking.GROUP) {
                    int rows = Math.min(Blocking.GROUP, i1 - i);
                    rk.compute(i, rows, blk, s.kr, s);
                    for (int r = 0; r < rows; r++) {
                        double[] dot = s.kr[r];
                        int o = (i + r) * dim + col;
                        if (trig) {
                            for (int j = 0; j < w; j++) {
                                double t = dot[j] * invSigma;
                                out[o + j] = scale * Math.cos(t);
                                out[o + p + j] = scale * Math.sin(t);
                            }
                        } else {
                            double sq = 0;
                            int xo = (i + r) * d;
                            for (int q = 0; q < d; q++) {
                                double z = x[xo + q] * invSigma;
                                sq += z * z;
                            }
                            for (int j = 0; j < w; j++) {
                                out[o + j] = scale * Math.exp(dot[j] * invSigma - sq);
                            }
                        }
                    }
                }
            }
        });
    }

    @Override
    public void knmTransposeKnm(Kernel k, double[] x, int n, double[] centres, int m, int d,
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
        RowKernel rk = kernelRows(k, x, n, centres, m, d);
        double[][] vp = splitV(v, m, 1);
        int blocks = rk.blocks();
        // fixed chunks of rows, each with its own partial result, reduced in chunk order: the sum does
        // not depend on which thread did which chunk
        int chunks = Math.min(Blocking.MAX_CHUNKS, units(n));
        double[][][] partial = new double[chunks][blocks][];
        int stripRows = Math.max(Blocking.GROUP,
                Math.min(Blocking.ROWS_PER_UNIT, (Blocking.STRIP_BUDGET / m) / Blocking.GROUP * Blocking.GROUP));
        pool.run(chunks, parallel(n, m, 2L * d), ch -> {
            Scratch s = Scratch.get();
            double[][] part = partial[ch];
            for (int blk = 0; blk < blocks; blk++) {
                part[blk] = new double[rk.width(blk)];
            }
            double[][] strip = s.strip(stripRows * blocks);
            int c0 = (int) ((long) ch * n / chunks);
            int c1 = (int) ((long) (ch + 1) * n / chunks);
            for (int s0 = c0; s0 < c1; s0 += stripRows) {
                int s1 = Math.min(c1, s0 + stripRows);
                for (int r = 0; r < s1 - s0; r++) {
                    Arrays.fill(s.acc[r], 0.0);
                }
                // pass 1: the strip of K_nm, and (K_nm v)_i accumulated per column position
                for (int blk = 0; blk < blocks; blk++) {
                    int wd = rk.width(blk);
                    double[] vb = vp[blk];
                    for (int i = s0; i < s1; i += Blocking.GROUP) {
                        int rows = Math.min(Blocking.GROUP, s1 - i);
                        rk.compute(i, rows, blk, s.kr, s);
                        for (int r = 0; r < rows; r++) {
                            double[] kr = s.kr[r];
                            double[] acc = s.acc[i - s0 + r];
                            System.arraycopy(kr, 0, strip[(i - s0 + r) * blocks + blk], 0, wd);
                            for (int j = 0; j < wd; j++) {
                                acc[j] = Math.fma(kr[j], vb[j], acc[j]);
                            }
                        }
                    }
                }
                // pass 2: partial += K_nmᵀ (w ∘ K_nm v) over the strip's rows
                for (int i = s0; i < s1; i++) {
                    double ui = Sums.sum(s.acc[i - s0], Blocking.COLS);
                    if (w != null) {
                        ui *= w[i];
                    }
                    for (int blk = 0; blk < blocks; blk++) {
                        double[] kr = strip[(i - s0) * blocks + blk];
                        double[] pb = part[blk];
                        int wd = pb.length;
                        for (int j = 0; j < wd; j++) {
                            pb[j] = Math.fma(ui, kr[j], pb[j]);
                        }
                    }
                }
            }
        });
        for (int ch = 0; ch < chunks; ch++) {
            for (int blk = 0; blk < blocks; blk++) {
                double[] pb = partial[ch][blk];
                int col = blk * Blocking.COLS;
                for (int j = 0; j < pb.length; j++) {
                    out[col + j] += pb[j];
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
