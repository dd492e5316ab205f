package io.witness.operators.ksd;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The few dense operations the model families need on a d×d symmetric positive-definite matrix
 * (row-major {@code double[d*d]}), through EJML: inverse and log-determinant by Cholesky, and the
 * symmetric square root and inverse square root by eigen-decomposition (pKSD's jump map, §B.5.2).
 */
public final class SymmetricMatrix {

    private SymmetricMatrix() {
    }

    /** Inverse and {@code log det} of an SPD matrix; throws if it is not positive definite. */
    public record InverseAndLogDet(double[] inverse, double logDet) {
    }

    public static InverseAndLogDet inverse(double[] a, int d) {
        DMatrixRMaj m = new DMatrixRMaj(d, d, true, a.clone());
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(m)) {
            throw new IllegalArgumentException("covariance matrix is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double v = l.get(i, i);
            if (!(v > 0)) {
                throw new IllegalArgumentException("covariance matrix is not positive definite");
            }
            logDet += 2 * Math.log(v);
        }
        DMatrixRMaj inv = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invert(new DMatrixRMaj(d, d, true, a.clone()), inv)) {
            throw new IllegalArgumentException("covariance matrix is singular");
        }
        symmetrise(inv.data, d);
        return new InverseAndLogDet(inv.data, logDet);
    }

    /** True when the matrix is symmetric (to 1e-9 relative) and Cholesky succeeds. */
    public static boolean isPositiveDefinite(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double x = a[i * d + j];
                double y = a[j * d + i];
                if (Math.abs(x - y) > 1e-9 * (Math.abs(x) + Math.abs(y) + 1e-300)) {
                    return false;
                }
            }
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        return chol.decompose(new DMatrixRMaj(d, d, true, a.clone()));
    }

    /** {@code A^p} for an SPD matrix (p = ½ or −½ in pKSD), via {@code V diag(λ^p) Vᵀ}. */
    public static double[] power(double[] a, int d, double p) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(new DMatrixRMaj(d, d, true, a.clone()))) {
            throw new IllegalArgumentException("eigen-decomposition failed");
        }
        double[] out = new double[d * d];
        for (int k = 0; k < d; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (eigenvalue " + lambda + ")");
            }
            double s = Math.pow(lambda, p);
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += s * v.get(i) * v.get(j);
                }
            }
        }
        symmetrise(out, d);
        return out;
    }

    /** {@code log det A} of an SPD matrix. */
    public static double logDet(double[] a, int d) {
        return inverse(a, d).logDet();
    }

    private static void symmetrise(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (a[i * d + j] + a[j * d + i]);
                a[i * d + j] = m;
                a[j * d + i] = m;
            }
        }
    }
}
