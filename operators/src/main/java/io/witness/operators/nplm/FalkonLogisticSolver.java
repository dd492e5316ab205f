package io.witness.operators.nplm;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.nystrom.JitteredCholesky;

/**
 * Logistic Falkon (spec kernel-tests.md §C.3, Falkon's {@code logistic_falkon.py}): Newton steps on the
 * Nyström problem {@code J(α) = (1/N) Σ ℓ(y_i, (K_NM α)_i) + (λ/2) αᵀ K_MM α}, each solved by conjugate
 * gradient on {@code (BᵀHB) u = Bᵀg} with the {@link FalkonPreconditioner} B, then {@code α ← α − Bu}.
 * As in Falkon, the iterate is {@code β = Tα} and the penalty's K_MM is the jittered {@code TᵀT}
 * (ε = 1e−13·M, §0.3): a relative change of order 1e−13 where K_MM is well conditioned (the §C.8.1
 * vector is reproduced to 1e−8), and a ridge where it is numerically singular.
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
        int m = centreIsData.length;
        int d = set.d();
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

        // Falkon works in β = Tα, where the penalty (λ/2)αᵀ(TᵀT)α is (λ/2)‖β‖² (TᵀT = K_MM + εMI, §C.2's
        // CODE note). The jitter then also regularises the directions K_MM cannot resolve, so CG never
        // chases rounding noise there (with the exact K_MM in the penalty it does, at λ = 1e−6).
        double[] beta = new double[m];
        double[] alpha = new double[m];
        double[] f = new double[n];
        double[] fc = new double[m];
        double[] curvC = new double[m];
        double[] curv = new double[n];
        double[] grad1 = new double[n];
        double[] g = new double[m];
        double invN = 1.0 / n;
        int iterations = 0;
        double residual = 0;
        FalkonPreconditioner pre = null;
        for (int step = 0; step < s.newtonSteps(); step++) {
            if (step > 0) {
                knm.times(alpha, f);
            }
            FalkonPreconditioner.timesTt(chol.lower(), m, beta, fc);
            for (int j = 0; j < m; j++) {
                curvC[j] = WeightedLogisticLoss.second(centreIsData[j], w, fc[j]);
            }
            pre = new FalkonPreconditioner(chol, curvC, lambda);
            for (int i = 0; i < n; i++) {
                boolean data = set.isData(i);
                grad1[i] = WeightedLogisticLoss.first(data, w, f[i]);
                curv[i] = WeightedLogisticLoss.second(data, w, f[i]) * invN;
            }
            // rhs = A⁻ᵀ (T⁻ᵀ (1/N) K_NMᵀ ℓ′ + λβ)
            knm.transposeTimes(grad1, g);
            for (int j = 0; j < m; j++) {
                g[j] *= invN;
            }
            pre.invTt(g);
            for (int j = 0; j < m; j++) {
                g[j] += lambda * beta[j];
            }
            pre.invAt(g);
            Cg cg = conjugateGradient(knm, m, curv, lambda, pre, g, s.cgTolerance(), s.cgMaxIterations());
            iterations += cg.iterations;
            residual = cg.residual;
            double[] u = cg.solution;
            pre.invA(u);
            for (int j = 0; j < m; j++) {
                beta[j] -= u[j];
            }
            System.arraycopy(beta, 0, alpha, 0, m);
            pre.invT(alpha);
        }
        knm.times(alpha, f);
        double objective = 0;
        for (int i = 0; i < n; i++) {
            objective += WeightedLogisticLoss.value(set.isData(i), w, f[i]);
        }
        objective = objective * invN + 0.5 * lambda * dot(beta, beta, m);
        return new FalkonFit(centres, alpha, f, iterations, residual, objective, knm.mode());
    }

    private record Cg(double[] solution, int iterations, double residual) {
    }

    /**
     * CG on {@code P u = b} with {@code P u = A⁻ᵀ(T⁻ᵀ K_NMᵀ(c ∘ K_NM T⁻¹A⁻¹u) + λA⁻¹u)}, c = ℓ″/N (the
     * preconditioned Hessian of §C.3 in β coordinates); stops when {@code ‖r‖² < tol²} or after
     * {@code maxIt} iterations. One {@code knmTransposeKnm}-shaped product per iteration.
     */
    private static Cg conjugateGradient(KnmProducts knm, int m, double[] curv, double lambda,
                                        FalkonPreconditioner pre, double[] b, double tol, int maxIt) {
        double[] x = new double[m];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] ap = new double[m];
        double[] tap = new double[m];
        double[] hp = new double[m];
        double rs = dot(r, r, m);
        double tol2 = tol * tol;
        int it = 0;
        while (it < maxIt && rs >= tol2) {
            System.arraycopy(p, 0, ap, 0, m);
            pre.invA(ap);
            System.arraycopy(ap, 0, tap, 0, m);
            pre.invT(tap);
            knm.weightedGram(curv, tap, hp);
            pre.invTt(hp);
            for (int j = 0; j < m; j++) {
                hp[j] += lambda * ap[j];
            }
            pre.invAt(hp);
            double pAp = dot(p, hp, m);
            if (!(pAp > 0)) {
                break; // converged exactly, or rounding broke positive definiteness: nothing left to gain
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
