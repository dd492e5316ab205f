package io.witness.operators.hawkes;

/**
 * Raised cosine {@code v(t) = 1 + cos(π(t−u)/σ − π)} on {@code [u, u+2σ]}, 0 elsewhere (spec §A.2):
 * excitation confined to a window that starts after a dead time {@code u}. Parameters {@code (u, σ)}
 * with {@code u ≥ 0}, {@code σ ≥ Δ}, {@code u + 2σ ≤ W}. Unlike the reference code (pitfall §F.4,
 * un-normalised, branching ratio {@code 2σα}), the grid normalises it like every other family, so the
 * branching matrix is α.
 */
final class RaisedCosineShape implements KernelShape {

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public String parameterName(int k) {
        return k == 0 ? "u" : "sigma";
    }

    @Override
    public double value(double t, double w, double[] th, int off) {
        double u = th[off];
        double s = th[off + 1];
        if (t < u || t > u + 2 * s) {
            return 0.0;
        }
        return 1 + Math.cos(Math.PI * (t - u) / s - Math.PI);
    }

    @Override
    public void gradient(double t, double w, double[] th, int off, double[] g) {
        double u = th[off];
        double s = th[off + 1];
        if (t < u || t > u + 2 * s) {
            g[0] = 0;
            g[1] = 0;
            return;
        }
        double sin = Math.sin(Math.PI * (t - u) / s - Math.PI);
        g[0] = Math.PI / s * sin;
        g[1] = Math.PI * (t - u) / (s * s) * sin;
    }

    @Override
    public double scale(int k, double w) {
        return w;
    }

    @Override
    public void project(double[] th, int off, double w, double delta) {
        double minSigma = Math.min(delta, w / 2);
        double u = th[off];
        double s = th[off + 1];
        double excess = u + 2 * s - w;
        if (excess > 0) {
            // Euclidean projection onto the half-plane u + 2σ ≤ W (normal (1, 2)), then the box
            u -= excess / 5;
            s -= 2 * excess / 5;
        }
        s = Math.min(Math.max(s, minSigma), w / 2);
        u = Math.min(Math.max(u, 0.0), w - 2 * s);
        th[off] = u;
        th[off + 1] = s;
    }

    @Override
    public void initialise(double mean, double sd, double w, double delta, double[] th, int off) {
        double s = Double.isFinite(sd) && sd > 0 ? sd : w / 4;
        double u = Double.isFinite(mean) ? Math.max(mean - s, 0) : 0;
        th[off] = u;
        th[off + 1] = s;
        project(th, off, w, delta);
    }
}
