package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * Nyström features {@code z(x) = L^{-1} k(C, x)} for M centres C, with {@code L Lᵀ = K_CC + εI}
 * ({@link JitteredCholesky}), so that {@code z(x)·z(y) = k(x,C) (K_CC + εI)^{-1} k(C,y) ≈ k(x,y)}: the
 * kernel projected onto the span of the centres' feature functions, exact (up to ε) when x or y is a
 * centre. Feature length M. Immutable and thread-safe; holds M·d + M² doubles.
 */
public final class NystromMap {

    private final Kernel kernel;
    private final int centres;
    private final int dim;
    private final double[] c;
    private final JitteredCholesky chol;

    /** Centres {@code c} row-major {@code m × d} (copied). */
    public NystromMap(Kernel kernel, double[] c, int m, int d) {
        if (m < 1 || d < 1 || c.length < m * d) {
            throw new IllegalArgumentException("need m ≥ 1 centres of dimension d ≥ 1");
        }
        this.kernel = kernel;
        this.centres = m;
        this.dim = d;
        this.c = java.util.Arrays.copyOf(c, m * d);
        double[] kcc = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double v = kernel.value(this.c, a * d, this.c, b * d, d);
                kcc[a * m + b] = v;
                kcc[b * m + a] = v;
            }
        }
        this.chol = JitteredCholesky.factor(kcc, m, kernel.diagonal());
    }

    /** Centres chosen among the rows of x by {@link NystromCentres#select}. */
    public static NystromMap select(CentreSelection how, Kernel k, double[] x, int n, int d, int m, long seed) {
        int[] idx = NystromCentres.select(how, k, x, n, d, m, seed);
        double[] c = new double[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * d, c, i * d, d);
        }
        return new NystromMap(k, c, idx.length, d);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** M, the number of centres and the feature length. */
    public int outputDim() {
        return centres;
    }

    public int inputDim() {
        return dim;
    }

    /** The centres, row-major {@code M × d}. Do not modify. */
    public double[] centres() {
        return c;
    }

    /** The diagonal jitter ε the factorisation used. */
    public double jitter() {
        return chol.jitter();
    }

    /** L, row-major lower-triangular {@code M × M}. Do not modify. */
    public double[] choleskyFactor() {
        return chol.lower();
    }

    /** Writes z(x) for {@code x = in[off..off+d)} into {@code out[outOff..outOff+M)}. */
    public void map(double[] in, int off, double[] out, int outOff) {
        double[] v = new double[centres];
        for (int a = 0; a < centres; a++) {
            v[a] = kernel.value(c, a * dim, in, off, dim);
        }
        TriangularSolver_DDRM.solveL(chol.lower(), v, centres);
        System.arraycopy(v, 0, out, outOff, centres);
    }

    /** z of a batch: {@code out[i*M .. i*M+M) = z(x_i)} for x row-major {@code n × d}. */
    public void map(double[] x, int n, double[] out) {
        double[] kcx = new double[centres * n];
        for (int a = 0; a < centres; a++) {
            for (int i = 0; i < n; i++) {
                kcx[a * n + i] = kernel.value(c, a * dim, x, i * dim, dim);
            }
        }
        fromCentreKernel(kcx, n, out);
    }

    /**
     * z of a batch from an already computed {@code K(C, X)} (row-major {@code M × n}, e.g. a compute
     * backend's Gram block; overwritten): {@code out = (L^{-1} K(C,X))ᵀ}, row-major {@code n × M}.
     */
    public void fromCentreKernel(double[] kcx, int n, double[] out) {
        TriangularSolver_DDRM.solveL(chol.lower(), kcx, centres, n);
        DMatrixRMaj z = DMatrixRMaj.wrap(centres, n, kcx);
        DMatrixRMaj t = DMatrixRMaj.wrap(n, centres, out);
        CommonOps_DDRM.transpose(z, t);
    }

    /** {@code z(x)·z(y)}, the Nyström approximation of k(x, y). */
    public double approximate(double[] x, int xOff, double[] y, int yOff) {
        double[] zx = new double[centres];
        double[] zy = new double[centres];
        map(x, xOff, zx, 0);
        map(y, yOff, zy, 0);
        double s = 0;
        for (int a = 0; a < centres; a++) {
            s += zx[a] * zy[a];
        }
        return s;
    }
}
