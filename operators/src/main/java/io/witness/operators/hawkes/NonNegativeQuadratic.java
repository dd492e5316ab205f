package io.witness.operators.hawkes;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Minimises {@code xᵀMx − 2bᵀx} subject to {@code x ≥ 0}, for a symmetric positive semi-definite
 * {@code M} of small size (one row of a Hawkes fit: {@code (μ_i, α_i1..α_ip)}, so n = p+1). Active-set
 * method of Lawson and Hanson with {@code M} in place of {@code AᵀA}: exact in a finite number of
 * steps, warm-started from the previous solution (refits move little). Variables with {@code M_kk = 0}
 * (a type with no events yet) stay at 0. The free-set systems are solved by Cholesky (EJML) on the
 * Jacobi-scaled matrix, with a small ridge if the free block is numerically singular.
 */
public final class NonNegativeQuadratic {
    private NonNegativeQuadratic() {
    }

    /**
     * @param m row-major n×n, symmetric PSD
     * @param b length n
     * @param x length n, the starting point (negative entries are clipped) and the result
     */
    public static void solve(double[] m, double[] b, double[] x) {
        int n = b.length;
        double[] d = new double[n];
        boolean[] usable = new boolean[n];
        for (int k = 0; k < n; k++) {
            double mk = m[k * n + k];
            usable[k] = mk > 0 && Double.isFinite(mk);
            d[k] = usable[k] ? Math.sqrt(mk) : 1.0;
        }
        // scaled problem: M' = D⁻¹MD⁻¹ (unit diagonal), b' = D⁻¹b, y = Dx
        double[] ms = new double[n * n];
        double[] bs = new double[n];
        double[] y = new double[n];
        double bmax = 0;
        for (int k = 0; k < n; k++) {
            bs[k] = usable[k] ? b[k] / d[k] : 0;
            bmax = Math.max(bmax, Math.abs(bs[k]));
            y[k] = usable[k] ? Math.max(0, x[k]) * d[k] : 0;
            for (int l = 0; l < n; l++) {
                ms[k * n + l] = usable[k] && usable[l] ? m[k * n + l] / (d[k] * d[l]) : 0;
            }
        }
        double tol = 1e-11 * Math.max(1, bmax);
        boolean[] free = new boolean[n];
        for (int k = 0; k < n; k++) {
            free[k] = usable[k] && y[k] > 0;
        }
        double[] z = new double[n];
        for (int outer = 0; outer <= 3 * n + 3; outer++) {
            // inner loop: minimise on the free set, stepping back to feasibility when needed
            for (int inner = 0; inner <= n; inner++) {
                freeSolve(ms, bs, free, z);
                double t = 1.0;
                int blocking = -1;
                for (int k = 0; k < n; k++) {
                    if (free[k] && z[k] <= 0) {
                        double tk = y[k] / (y[k] - z[k]);
                        if (tk < t) {
                            t = tk;
                            blocking = k;
                        }
                    }
                }
                if (blocking < 0) {
                    System.arraycopy(z, 0, y, 0, n);
                    break;
                }
                for (int k = 0; k < n; k++) {
                    if (free[k]) {
                        y[k] += t * (z[k] - y[k]);
                        if (y[k] <= 1e-15 || k == blocking) {
                            y[k] = 0;
                            free[k] = false;
                        }
                    }
                }
            }
            // optimality: the negative half-gradient b − My must be ≤ 0 on the fixed set
            int enter = -1;
            double best = tol;
            for (int k = 0; k < n; k++) {
                if (!free[k] && usable[k]) {
                    double w = bs[k];
                    for (int l = 0; l < n; l++) {
                        w -= ms[k * n + l] * y[l];
                    }
                    if (w > best) {
                        best = w;
                        enter = k;
                    }
                }
            }
            if (enter < 0) {
                break;
            }
            free[enter] = true;
        }
        for (int k = 0; k < n; k++) {
            x[k] = usable[k] ? y[k] / d[k] : 0;
        }
    }

    /** z_F = M_FF⁻¹ b_F, z = 0 off F. */
    private static void freeSolve(double[] m, double[] b, boolean[] free, double[] z) {
        int n = b.length;
        int nf = 0;
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            z[k] = 0;
            if (free[k]) {
                idx[nf++] = k;
            }
        }
        if (nf == 0) {
            return;
        }
        DMatrixRMaj a = new DMatrixRMaj(nf, nf);
        DMatrixRMaj rhs = new DMatrixRMaj(nf, 1);
        DMatrixRMaj sol = new DMatrixRMaj(nf, 1);
        for (double ridge : new double[]{0, 1e-12, 1e-9, 1e-6}) {
            for (int r = 0; r < nf; r++) {
                rhs.set(r, 0, b[idx[r]]);
                for (int c = 0; c < nf; c++) {
                    a.set(r, c, m[idx[r] * n + idx[c]] + (r == c ? ridge : 0));
                }
            }
            LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(nf);
            if (chol.setA(a)) {
                chol.solve(rhs, sol);
                boolean finite = true;
                for (int r = 0; r < nf; r++) {
                    finite &= Double.isFinite(sol.get(r, 0));
                }
                if (finite) {
                    for (int r = 0; r < nf; r++) {
                        z[idx[r]] = sol.get(r, 0);
                    }
                    return;
                }
            }
        }
        // numerically rank-deficient even with a ridge: least squares
        LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
        pinv.setA(a);
        pinv.solve(rhs, sol);
        for (int r = 0; r < nf; r++) {
            z[idx[r]] = sol.get(r, 0);
        }
    }
}
