package io.witness.operators.hawkes;

/**
 * Truncated Gaussian {@code v(t) = exp(−(t−m)²/(2σ²))} on (0, W] (spec §A.2): the excitation peaks at
 * the latency {@code m} with spread {@code σ}. Parameters {@code (m, σ)}, {@code m ∈ [0, W]},
 * {@code σ ≥ max(1e-4, Δ/4)} (Δ/4 keeps the grid value next to {@code m} at least {@code e^{-2}}).
 */
final class TruncatedGaussianShape implements KernelShape {

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public String parameterName(int k) {
        return k == 0 ? "m" : "sigma";
    }

    @Override
    public double value(double t, double w, double[] th, int off) {
        double z = (t - th[off]) / th[off + 1];
        return Math.exp(-0.5 * z * z);
    }

    @Override
    public void gradient(double t, double w, double[] th, int off, double[] g) {
        double m = th[off];
        double s = th[off + 1];
        double d = t - m;
        double v = Math.exp(-0.5 * d * d / (s * s));
        g[0] = d / (s * s) * v;
        g[1] = d * d / (s * s * s) * v;
    }

    @Override
    public double scale(int k, double w) {
        return w;
    }

    @Override
    public void project(double[] th, int off, double w, double delta) {
        th[off] = Math.min(Math.max(th[off], 0.0), w);
        th[off + 1] = Math.min(Math.max(th[off + 1], minSigma(delta)), 10 * w);
    }

    static double minSigma(double delta) {
        return Math.max(1e-4, delta / 4);
    }

    @Override
    public void initialise(double mean, double sd, double w, double delta, double[] th, int off) {
        th[off] = Double.isFinite(mean) ? mean : w / 4;
        th[off + 1] = Double.isFinite(sd) && sd > 0 ? sd : w / 4;
        project(th, off, w, delta);
    }
}
