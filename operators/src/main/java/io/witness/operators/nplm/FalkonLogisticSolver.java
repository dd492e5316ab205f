package io.witness.operators.nplm;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.nystrom.JitteredCholesky;

/**
 * Logistic Falkon (spec kernel-tests.md §C.3, Falkon's {@code logistic_falkon.py}): Newton steps on the
 * Nyström problem {@code J(α) = (1/N) Σ ℓ(y_i, (K_NM α)_i) + (λ/2) αᵀ K_MM α}, each solved by conjugate
 * gradient on {@code (BᵀHB) β = Bᵀg} with the {@link FalkonPreconditioner} B, then {@code α ← α − Bβ}.
 * NPLM takes one step from α = 0 ({@link Settings#newtonSteps} = 1); more steps at the same λ converge to
 * the minimiser (the §C.8.1 "converged" row).
 *
 * <p>Every product with K_NM goes through the {@link ComputeBackend} ({@link KnmProducts}): one
 * {@code kernelTimes} for the gradient, one {@code knmTransposeKnm} (streamed) or matrix–vector pair
 * (materialised) per CG iteration, one {@code kernelTimes} for f at the end; {@code K_MM} is one
 * {@code gram}. M×M algebra (two Cholesky factors, triangular solves) is EJML. Stateless and thread-safe.
 */
public final class FalkonLogisticSolver {

    /** NPLM's CG tolerance {@code √1e−7} (§C.3, {@code FLKutils.get_logflk_config}): stop when ‖r‖ < tol. */
    public static final double NPLM_CG_TOLERANCE = Math.sqrt(1e-7);

    /**
     * @param lambda          the penalty λ of the (λ/2) convention (§C.2), > 0
     * @param newtonSteps     Newton steps at λ (NPLM: 1)
     * @param cgTolerance     stop CG when the preconditioned residual norm is below this
     * @param cgMaxIterations CG budget per Newton step
     * @param knm             how K_NM products are computed
     */
    public record Settings(double lambda, int newtonSteps, double cgTolerance, int cgMaxIterations, KnmMode knm) {
        public Settings {
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
            }
            if (newtonSteps < 1 || cgMaxIterations < 1) {
                throw new IllegalArgumentException("newtonSteps and cgMaxIterations must be >= 1");
            }
            if (!(cgTolerance >= 0)) {
                throw new IllegalArgumentException("cgTolerance must be >= 0, got " + cgTolerance);
            }
        }

        /** NPLM's settings: one Newton step, CG to {@link #NPLM_CG_TOLERANCE}, at most 10⁴ iterations. */
        public static Settings nplm(double lambda) {
            return new Settings(lambda, 1, NPLM_CG_TOLERANCE, 10_000, KnmMode.AUTO);
        }
    }

    private FalkonLogisticSolver() {
    }

    /**
     * Fits f on {@code set} with the centres {@code set.x} rows {@code centreRows}.
     *
     * @param centreRows distinct row indices of the training set (their labels enter the preconditioner)
     */
    public static FalkonFit fit(ComputeBackend backend, Kernel kernel, TrainingSet set, int[] centreRows,
                                Settings s) {
        int d = set.d();
        int m = centreRows.length;
        double[] centres = new double[m * d];
        boolean[] centreIsData = new boolean[m];
        for (int j = 0; j < m; j++) {
            System.arraycopy(set.x(), centreRows[j] * d, centres, j * d, d);
            centreIsData[j] = set.isData(centreRows[j]);
        }
        return fit(backend, kernel, set, centres, centreIsData, s);
    }

    /**
     * Fits f with given centres and their labels (for centres fixed in advance, as in §C.8.1).
     */
    public static FalkonFit fit(ComputeBackend backend, Kernel kernel, TrainingSet set, double[] centres,
                                boolean[] centreIsData, Settings s) {
        int n = set.size();
        int d = set.d();
        int m = centreIsData.length;
        if (m < 1 || centres.length < m * d) {
            throw new IllegalArgumentException("need at least one centre of dimension " + d);
        }
        double w = set.weight();
        double lambda = s.lambda();
        double[] kmm = new double[m * m];
        backend.gram(kernel, centres, m, centres, m, d, kmm);
        symmetrise(kmm, m);
        JitteredCholesky chol = JitteredCholesky.factor(kmm, m, kernel.diagonal());
        KnmProducts knm = KnmProducts.of(s.knm(), backend, kernel, set.x(), n, centres, m, d);

        double[] alpha = new double[m];
        double[] f = new double[n];
        double[] fc = new double[m];
        double[] curvC = new double[m];
        double[] curv = new double[n];
        double[] grad1 = new double[n];
        double[] g = new double[m];
        double[] kmmAlpha = new double[m];
        double invN = 1.0 / n;
        int iterations = 0;
        double residual = 0;
        boolean zero = true;
        for (int step = 0; step < s.newtonSteps(); step++) {
            if (!zero) {
                knm.times(alpha, f);
            }
            multiply(kmm, m, alpha, kmmAlpha);
            System.arraycopy(kmmAlpha, 0, fc, 0, m);
            for (int j = 0; j < m; j++) {
                curvC[j] = WeightedLogisticLoss.second(centreIsData[j], w, fc[j]);
            }
            FalkonPreconditioner pre = new FalkonPreconditioner(chol, curvC, lambda);
            for (int i = 0; i < n; i++) {
                boolean data = set.isData(i);
                grad1[i] = WeightedLogisticLoss.first(data, w, f[i]);
                curv[i] = WeightedLogisticLoss.second(data, w, f[i]) * invN;
            }
            knm.transposeTimes(grad1, g);
            for (int j = 0; j < m; j++) {
                g[j] = g[j] * invN + lambda * kmmAlpha[j];
            }
            pre.applyBt(g);
            Cg cg = conjugateGradient(knm, kmm, m, curv, lambda, pre, g, s.cgTolerance(), s.cgMaxIterations());
            iterations += cg.iterations;
            residual = cg.residual;
            double[] step1 = cg.solution;
            pre.applyB(step1);
            for (int j = 0; j < m; j++) {
                alpha[j] -= step1[j];
            }
            zero = false;
        }
        knm.times(alpha, f);
        multiply(kmm, m, alpha, kmmAlpha);
        double objective = 0;
        for (int i = 0; i < n; i++) {
            objective += WeightedLogisticLoss.value(set.isData(i), w, f[i]);
        }
        double penalty = 0;
        for (int j = 0; j < m; j++) {
            penalty += alpha[j] * kmmAlpha[j];
        }
        objective = objective * invN + 0.5 * lambda * penalty;
        return new FalkonFit(centres, alpha, f, iterations, residual, objective, knm.mode());
    }

    private record Cg(double[] solution, int iterations, double residual) {
    }

    /**
     * CG on {@code P β = b}, {@code P = Bᵀ H B}, {@code H v = K_NMᵀ(c ∘ K_NM v) + λ K_MM v} with
     * c = ℓ″/N; stops when {@code ‖r‖² < tol²} (§C.3) or after {@code maxIt} iterations.
     */
    private static Cg conjugateGradient(KnmProducts knm, double[] kmm, int m, double[] curv, double lambda,
                                        FalkonPreconditioner pre, double[] b, double tol, int maxIt) {
        double[] x = new double[m];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] bp = new double[m];
        double[] hp = new double[m];
        double[] kp = new double[m];
        double rs = dot(r, r, m);
        double tol2 = tol * tol;
        int it = 0;
        while (it < maxIt && rs >= tol2) {
            System.arraycopy(p, 0, bp, 0, m);
            pre.applyB(bp);
            knm.weightedGram(curv, bp, hp);
            multiply(kmm, m, bp, kp);
            for (int j = 0; j < m; j++) {
                hp[j] += lambda * kp[j];
            }
            pre.applyBt(hp);
            double pAp = dot(p, hp, m);
            if (!(pAp > 0)) {
                break; // exact convergence or loss of positive definiteness by rounding: nothing left to gain
            }
            double a = rs / pAp;
            for (int j = 0; j < m; j++) {
                x[j] += a * p[j];
                r[j] -= a * hp[j];
            }
            double rsNew = dot(r, r, m);
            double beta = rsNew / rs;
            for (int j = 0; j < m; j++) {
                p[j] = r[j] + beta * p[j];
            }
            rs = rsNew;
            it++;
        }
        return new Cg(x, it, Math.sqrt(rs));
    }

    private static double dot(double[] a, double[] b, int m) {
        double s = 0;
        for (int j = 0; j < m; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static void multiply(double[] a, int m, double[] v, double[] out) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                s += a[row + j] * v[j];
            }
            out[i] = s;
        }
    }

    private static void symmetrise(double[] a, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (a[i * m + j] + a[j * m + i]);
                a[i * m + j] = s;
                a[j * m + i] = s;
            }
        }
    }
}
