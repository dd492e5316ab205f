package io.witness.operators.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Test helper: Gram matrices and their smallest eigenvalue (EJML symmetric eigensolver). */
public final class GramSpectrum {

    private GramSpectrum() {
    }

    /** {@code K[i][j] = k(x_i, x_j)}, row-major n × n. */
    public static double[] gram(Kernel k, double[] x, int n, int d) {
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = k.value(x, i * d, x, j * d, d);
            }
        }
        return g;
    }

    public static double smallestEigenvalue(double[] sym, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        System.arraycopy(sym, 0, a.data, 0, n * n);
        if (!eig.decompose(a)) {
            throw new IllegalStateException("eigendecomposition failed");
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            min = Math.min(min, eig.getEigenvalue(i).real);
        }
        return min;
    }
}
