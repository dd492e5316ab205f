package io.witness.operators.hawkes;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The branching ratio of a fitted process: the spectral radius of the branching matrix
 * {@code Γ_ij = ‖α_ij φ_ij‖₁} (spec §A.8; = α with grid-normalised kernels). The process is stationary
 * iff it is below 1; it is the expected number of events one event triggers directly, and
 * {@code 1/(1−ρ)} the expected size of a cascade (univariate). Eigenvalues by EJML.
 */
public final class BranchingRatio {
    private BranchingRatio() {
    }

    /** Spectral radius of the row-major p×p matrix {@code a}. */
    public static double spectralRadius(double[] a, int p) {
        if (p == 0) {
            return 0.0;
        }
        if (p == 1) {
            return Math.abs(a[0]);
        }
        DMatrixRMaj m = new DMatrixRMaj(p, p, true, a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, false);
        if (!eig.decompose(m)) {
            return powerIteration(a, p);
        }
        double r = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            Complex_F64 ev = eig.getEigenvalue(i);
            r = Math.max(r, ev.getMagnitude());
        }
        return r;
    }

    /** Perron root of a non-negative matrix by power iteration (fallback). */
    static double powerIteration(double[] a, int p) {
        double[] v = new double[p];
        java.util.Arrays.fill(v, 1.0);
        double r = 0;
        for (int it = 0; it < 10_000; it++) {
            double[] w = new double[p];
            double norm = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    w[i] += Math.abs(a[i * p + j]) * v[j];
                }
                norm = Math.max(norm, w[i]);
            }
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < p; i++) {
                w[i] /= norm;
            }
            if (Math.abs(norm - r) < 1e-14 * norm) {
                return norm;
            }
            r = norm;
            v = w;
        }
        return r;
    }
}
