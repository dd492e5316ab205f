package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * Approximate ridge leverage scores {@code τ_i(λ) = [K (K + nλI)^{-1}]_ii} (λ in Falkon's convention,
 * so NPLM's λ plugs in directly), estimated from a uniform landmark set J of p points (Musco &amp; Musco
 * 2017, "Recursive sampling for the Nyström method", with uniform sampling weights n/p):
 * <pre>
 * τ̃_i = ( k(x_i,x_i) − k_iJ (K_JJ + pλ I)^{-1} k_Ji ) / (nλ)
 * </pre>
 * which is exact when J is every point (then {@code K − K(K+nλI)^{-1}K = nλ·K(K+nλI)^{-1}}).
 * Cost O(n·p·(d + p)), memory O(p²); the p × p system is solved by EJML's Cholesky (with jitter).
 * Points far from everything else get scores near 1, points in dense clusters near 0 — so sampling by
 * them spends the centres where uniform sampling leaves the kernel worst approximated.
 */
public final class RidgeLeverageScores {

    private RidgeLeverageScores() {
    }

    /**
     * @param lambda    ridge λ &gt; 0 (the system is regularised by nλ)
     * @param landmarks p, the number of uniform landmarks (capped at n)
     */
    public static double[] approximate(Kernel k, double[] x, int n, int d, double lambda, int landmarks, long seed) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        int p = Math.min(n, Math.max(1, landmarks));
        int[] j = UniformCentres.select(n, p, seed);
        double[] kjj = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double v = k.value(x, j[a] * d, x, j[b] * d, d);
                kjj[a * p + b] = v;
                kjj[b * p + a] = v;
            }
            kjj[a * p + a] += p * lambda;
        }
        double[] l = JitteredCholesky.factor(kjj, p, k.diagonal()).lower();
        double nLambda = n * lambda;
        double[] scores = new double[n];
        double[] v = new double[p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                v[a] = k.value(x, j[a] * d, x, i * d, d);
            }
            TriangularSolver_DDRM.solveL(l, v, p);
            double q = 0;
            for (double e : v) {
                q += e * e;
            }
            double tau = (k.value(x, i * d, x, i * d, d) - q) / nLambda;
            scores[i] = Math.max(0.0, tau);
        }
        return scores;
    }
}
