package io.witness.operators.hawkes;

/**
 * The reference solver of spec §A.5: RMSprop (PyTorch defaults: {@code v ← 0.99 v + 0.01 g²},
 * {@code θ ← θ − lr·g/(√v + 1e−8)}, no momentum) on all parameters in one group, each step followed by
 * the projection (μ, α ≥ 0, kernel constraints); every 100 iterations it stops if the largest change of
 * μ, α and the first kernel parameter between consecutive iterates is below {@code tol}. Kept to
 * replay the paper's recovery experiment; the monitor uses {@link FadinSolver}, which converges in
 * far fewer iterations (measured in the tests).
 */
public final class RmspropFadinSolver {
    private final FadinLoss loss;
    private final HawkesGrid grid;
    private final double lr;
    private final double tol;

    public RmspropFadinSolver(KernelFamily family, HawkesGrid grid, double lr, double tol) {
        this.loss = new FadinLoss(family, grid);
        this.grid = grid;
        this.lr = lr;
        this.tol = tol;
    }

    /** Runs at most {@code maxIter} steps from θ (updated in place); returns the iterations done. */
    public int fit(HawkesParameters theta, FadinStatistics st, int maxIter) {
        int p = theta.dimension();
        int k = theta.kernelParameterCount();
        KernelShape shape = theta.family().shape();
        double[][] x = {theta.mu(), theta.alpha(), theta.eta()};
        double[][] g = {new double[p], new double[p * p], new double[p * p * k]};
        double[][] v = {new double[p], new double[p * p], new double[p * p * k]};
        double[][] prev = new double[3][];
        int it = 0;
        while (it < maxIter) {
            loss.prepare(theta, st, true);
            loss.gradient(theta, st, g[0], g[1], g[2]);
            if ((it + 1) % 100 == 0) {
                prev[0] = x[0].clone();
                prev[1] = x[1].clone();
                prev[2] = x[2].clone();
            }
            for (int b = 0; b < 3; b++) {
                for (int n = 0; n < x[b].length; n++) {
                    v[b][n] = 0.99 * v[b][n] + 0.01 * g[b][n] * g[b][n];
                    x[b][n] -= lr * g[b][n] / (Math.sqrt(v[b][n]) + 1e-8);
                }
            }
            for (int n = 0; n < p; n++) {
                x[0][n] = Math.max(0, x[0][n]);
            }
            for (int n = 0; n < p * p; n++) {
                x[1][n] = Math.max(0, x[1][n]);
                shape.project(x[2], n * k, grid.w(), grid.delta());
            }
            it++;
            if (it % 100 == 0 && prev[0] != null && maxChange(prev, x, k) < tol) {
                break;
            }
        }
        return it;
    }

    private static double maxChange(double[][] prev, double[][] x, int k) {
        double m = 0;
        for (int n = 0; n < x[0].length; n++) {
            m = Math.max(m, Math.abs(x[0][n] - prev[0][n]));
        }
        for (int n = 0; n < x[1].length; n++) {
            m = Math.max(m, Math.abs(x[1][n] - prev[1][n]));
            m = Math.max(m, Math.abs(x[2][n * k] - prev[2][n * k]));
        }
        return m;
    }

    /** The loss at θ. */
    public double loss(HawkesParameters theta, FadinStatistics st) {
        loss.prepare(theta, st, false);
        return loss.value(theta, st);
    }
}
