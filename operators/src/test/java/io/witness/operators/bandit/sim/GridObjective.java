package io.witness.operators.bandit.sim;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.GaussianSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The objective of spec online-methods.md §B.3 (reference {@code function.py}): a GP(0, SE ℓ = 1) sample
 * drawn on a 5 × 5 grid over [−5, 5]², interpolated by the GP mean (scikit-learn's GaussianProcessRegressor
 * with its default 1e-10 jitter) and evaluated on an {@code size × size} grid over [−5, 5]² (50 × 50 in
 * the reference: |X| = 2,500). One draw per seed.
 */
public final class GridObjective {
    static final double SCALE = 5.0;
    static final int SAMPLE_GRID = 5;

    private final double[] domain;
    private final double[] values;
    private final double max;
    private final double min;

    public GridObjective(int size, long seed) {
        GaussianKernel k = new GaussianKernel(1.0);
        double[] g = grid(SAMPLE_GRID);
        int n = SAMPLE_GRID * SAMPLE_GRID;
        DMatrixRMaj kgg = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kgg.set(i, j, k.value(g, 2 * i, g, 2 * j, 2));
            }
        }
        // the sample: y = L z with L Lᵀ = K (K is well conditioned at spacing 2.5; a 1e-12 jitter only guards rounding)
        DMatrixRMaj jittered = kgg.copy();
        for (int i = 0; i < n; i++) {
            jittered.add(i, i, 1e-12);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(jittered)) {
            throw new IllegalStateException("Cholesky of the 5x5 grid kernel failed");
        }
        DMatrixRMaj l = chol.getT(null);
        GaussianSampler z = new GaussianSampler(seed);
        DMatrixRMaj zv = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            zv.set(i, 0, z.next());
        }
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(l, zv, y);
        // interpolation weights w = (K + 1e-10 I)⁻¹ y, as scikit-learn's default alpha
        DMatrixRMaj reg = kgg.copy();
        for (int i = 0; i < n; i++) {
            reg.add(i, i, 1e-10);
        }
        DMatrixRMaj w = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solve(reg, y, w)) {
            throw new IllegalStateException("interpolation solve failed");
        }
        domain = grid(size);
        int m = size * size;
        values = new double[m];
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double f = 0;
            for (int i = 0; i < n; i++) {
                f += k.value(domain, 2 * j, g, 2 * i, 2) * w.get(i, 0);
            }
            values[j] = f;
            hi = Math.max(hi, f);
            lo = Math.min(lo, f);
        }
        max = hi;
        min = lo;
    }

    /** {@code size × size} points of linspace(−5, 5, size)², row-major (x₁, x₂) pairs. */
    static double[] grid(int size) {
        double[] out = new double[2 * size * size];
        int at = 0;
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                out[at++] = -SCALE + 2 * SCALE * b / (size - 1);
                out[at++] = -SCALE + 2 * SCALE * a / (size - 1);
            }
        }
        return out;
    }

    public double[] domain() {
        return domain;
    }

    public int size() {
        return values.length;
    }

    public double value(int j) {
        return values[j];
    }

    public double max() {
        return max;
    }

    public double min() {
        return min;
    }
}
