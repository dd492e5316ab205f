package io.witness.operators.nplm;

import io.witness.operators.kernel.nystrom.JitteredCholesky;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * The logistic-Falkon preconditioner of spec kernel-tests.md §C.3: {@code B = T⁻¹A⁻¹} with
 * {@code TᵀT = K_MM + εMI} (ε = 1e−13, {@link JitteredCholesky}) and
 * {@code AᵀA = (1/M)·T·diag(W_c)·Tᵀ + λI}, W_c the loss curvatures at the centres. Then
 * {@code BᵀHB ≈ I} for the Hessian H of the Nyström problem, so CG needs few iterations; the
 * preconditioner never changes the solution. Both factors come from EJML's Cholesky; applying B or Bᵀ
 * is two triangular solves. We hold the lower factors: {@code T = Lᵀ}, {@code A = L_Aᵀ}.
 */
final class FalkonPreconditioner {

    private final int m;
    /** L with {@code L Lᵀ = K_MM + εMI}. */
    private final double[] lower;
    /** L_A with {@code L_A L_Aᵀ = (1/M)·Lᵀ diag(W) L + λI}. */
    private final double[] lowerA;

    FalkonPreconditioner(JitteredCholesky kmm, double[] curvatures, double lambda) {
        this.m = kmm.size();
        this.lower = kmm.lower();
        // T diag(W) Tᵀ = Lᵀ diag(W) L = Lᵀ (W ∘ L), W scaling the rows of L
        DMatrixRMaj l = DMatrixRMaj.wrap(m, m, lower);
        DMatrixRMaj wl = new DMatrixRMaj(m, m);
        for (int k = 0; k < m; k++) {
            double wk = curvatures[k];
            for (int j = 0; j < m; j++) {
                wl.data[k * m + j] = wk * lower[k * m + j];
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(l, wl, a);
        double inv = 1.0 / m;
        for (int i = 0; i < m * m; i++) {
            a.data[i] *= inv;
        }
        for (int i = 0; i < m; i++) {
            a.data[i * m + i] += lambda;
        }
        // symmetrise against rounding before factoring
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (a.data[i * m + j] + a.data[j * m + i]);
                a.data[i * m + j] = s;
                a.data[j * m + i] = s;
            }
        }
        this.lowerA = JitteredCholesky.factor(a.data, m, 1.0).lower();
    }

    /** {@code v ← T⁻¹ v = L⁻ᵀ v}, in place. */
    void invT(double[] v) {
        TriangularSolver_DDRM.solveTranL(lower, v, m);
    }

    /** {@code v ← T⁻ᵀ v = L⁻¹ v}, in place. */
    void invTt(double[] v) {
        TriangularSolver_DDRM.solveL(lower, v, m);
    }

    /** {@code v ← A⁻¹ v = L_A⁻ᵀ v}, in place. */
    void invA(double[] v) {
        TriangularSolver_DDRM.solveTranL(lowerA, v, m);
    }

    /** {@code v ← A⁻ᵀ v = L_A⁻¹ v}, in place. */
    void invAt(double[] v) {
        TriangularSolver_DDRM.solveL(lowerA, v, m);
    }

    /** {@code out = Tᵀ β = L β}: the centres' f, {@code K_MM α} with K_MM the jittered {@code TᵀT}. */
    static void timesTt(double[] lower, int m, double[] beta, double[] out) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * m;
            for (int j = 0; j <= i; j++) {
                s += lower[row + j] * beta[j];
            }
            out[i] = s;
        }
    }
}
