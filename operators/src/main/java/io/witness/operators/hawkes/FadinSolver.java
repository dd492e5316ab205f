package io.witness.operators.hawkes;

/**
 * The monitor's FaDIn solver: block coordinate descent on the discretised ℓ2 contrast (spec §A.4).
 * The contrast is a convex quadratic in (μ, α) for fixed kernel shapes and separates over target types
 * i, so each iteration
 * <ol>
 * <li>solves every row {@code (μ_i, α_i·)} exactly under non-negativity ({@link NonNegativeQuadratic},
 * an (p+1)-variable problem with matrix {@code [[T', ΔA_i·], [ΔA_i·ᵀ, ΔQ_i··]]} and vector
 * {@code [N_i, B_i·]});</li>
 * <li>takes one projected RMSprop step (§A.5's update rule) on the kernel parameters, in units of their
 * natural scale ({@link KernelShape#scale}: W for times), with the accumulators kept across refits
 * (warm start).</li>
 * </ol>
 * and a refit ends with a last exact (μ, α) solve at the final shapes. Unlike plain RMSprop on all
 * parameters (§A.5), the baselines and excitations never lag behind the data by a learning rate — they
 * are the exact minimisers for the current shapes, whatever the units of time and rates — which is
 * what the surge and new-edge alarms need. Each iteration costs O(p³L² + p³LK + p⁴), independent of the
 * number of events. Mutable scratch; one per thread.
 */
public final class FadinSolver {
    private final FadinLoss loss;
    private final HawkesGrid grid;
    private final double lr;
    /** Iterations without a new best loss after which a refit stops. */
    public static final int PATIENCE = 25;
    private double lastLoss = Double.NaN;
    private int iterationsDone;

    public FadinSolver(KernelFamily family, HawkesGrid grid, double lr) {
        this.loss = new FadinLoss(family, grid);
        this.grid = grid;
        this.lr = lr;
    }

    public FadinLoss loss() {
        return loss;
    }

    /**
     * Runs at most {@code iterations} block steps from θ (updated in place) and a final (μ, α) solve.
     * RMSprop's step does not shrink with the gradient (it is normalised by the gradient's own running
     * RMS), so near the optimum it wanders at the scale of the learning rate: the solver keeps the
     * shapes with the lowest profile loss seen and stops after {@link #PATIENCE} iterations without a
     * relative improvement of {@code 1e-12}.
     *
     * @param rms the RMSprop accumulators of the kernel parameters ({@code p²K}, updated in place)
     * @return the loss at the result
     */
    public double refit(HawkesParameters theta, double[] rms, FadinStatistics st, int iterations) {
        int p = theta.dimension();
        int k = theta.kernelParameterCount();
        KernelShape shape = theta.family().shape();
        double w = grid.w();
        double[] gEta = new double[p * p * k];
        double[] eta = theta.eta();
        double[] bestEta = eta.clone();
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        iterationsDone = 0;
        for (int it = 0; it < iterations && sinceBest < PATIENCE; it++) {
            loss.prepare(theta, st, true);
            solveRows(theta, st);
            double value = loss.value(theta, st);
            iterationsDone++;
            if (it == 0 || value < best - 1e-12 * Math.abs(best)) {
                best = value;
                System.arraycopy(eta, 0, bestEta, 0, eta.length);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            loss.gradient(theta, st, null, null, gEta);
            for (int n = 0; n < eta.length; n++) {
                double scale = shape.scale(n % k, w);
                double g = gEta[n] * scale;
                rms[n] = 0.99 * rms[n] + 0.01 * g * g;
                eta[n] -= scale * lr * g / (Math.sqrt(rms[n]) + 1e-8);
            }
            for (int ij = 0; ij < p * p; ij++) {
                shape.project(eta, ij * k, w, grid.delta());
            }
        }
        if (iterations > 0) {
            System.arraycopy(bestEta, 0, eta, 0, eta.length);
        }
        loss.prepare(theta, st, false);
        solveRows(theta, st);
        lastLoss = loss.value(theta, st);
        return lastLoss;
    }

    /** Block iterations of the last refit (≤ the limit: it stops early once the loss stalls). */
    public int iterationsDone() {
        return iterationsDone;
    }

    /** Exact non-negative (μ_i, α_i·) for the prepared kernel shapes, every row i. */
    void solveRows(HawkesParameters theta, FadinStatistics st) {
        int p = theta.dimension();
        int n = p + 1;
        double delta = st.delta();
        FadinTerms t = loss.terms();
        double[] m = new double[n * n];
        double[] b = new double[n];
        double[] x = new double[n];
        double[] mu = theta.mu();
        double[] al = theta.alpha();
        for (int i = 0; i < p; i++) {
            m[0] = st.tPrime();
            b[0] = st.count(i);
            x[0] = mu[i];
            for (int j = 0; j < p; j++) {
                m[1 + j] = delta * t.a(i, j);
                m[(1 + j) * n] = delta * t.a(i, j);
                b[1 + j] = t.b(i, j);
                x[1 + j] = al[i * p + j];
                for (int kk = 0; kk < p; kk++) {
                    // Q_ijk = Q_ikj in exact arithmetic; symmetrise the rounding
                    m[(1 + j) * n + 1 + kk] = 0.5 * delta * (t.q(i, j, kk) + t.q(i, kk, j));
                }
            }
            NonNegativeQuadratic.solve(m, b, x);
            mu[i] = x[0];
            System.arraycopy(x, 1, al, i * p, p);
        }
    }

    /** Loss after the last refit. */
    public double lastLoss() {
        return lastLoss;
    }
}
