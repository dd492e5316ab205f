package io.witness.operators.hawkes;

/**
 * Truncated exponential {@code v(t) = γ e^{−γt}} on (0, W] (spec §A.2): immediate excitation decaying
 * at rate {@code γ}. One parameter {@code γ ∈ [1e-3/W, 1e3/W]} (the discrete normalisation cancels
 * the leading γ; the bounds keep the grid values finite and not all equal to zero).
 */
final class TruncatedExponentialShape implements KernelShape {

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public String parameterName(int k) {
        return "gamma";
    }

    @Override
    public double value(double t, double w, double[] th, int off) {
        double g = th[off];
        return g * Math.exp(-g * t);
    }

    @Override
    public void gradient(double t, double w, double[] th, int off, double[] g) {
        double gamma = th[off];
        g[0] = (1 - gamma * t) * Math.exp(-gamma * t);
    }

    @Override
    public double scale(int k, double w) {
        return 1 / w;
    }

    @Override
    public void project(double[] th, int off, double w, double delta) {
        // the upper bound keeps e^{-γΔ} representable: at γΔ = 700 the first grid value still is
        th[off] = Math.min(Math.max(th[off], 1e-3 / w), Math.min(1e3 / w, 700 / delta));
    }

    @Override
    public void initialise(double mean, double sd, double w, double delta, double[] th, int off) {
        th[off] = Double.isFinite(mean) && mean > 0 ? 1 / mean : 4 / w;
        project(th, off, w, delta);
    }
}
