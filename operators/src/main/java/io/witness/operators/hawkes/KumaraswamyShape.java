package io.witness.operators.hawkes;

/**
 * Kumaraswamy density {@code v(t) = a b x^{a−1}(1−x^a)^{b−1} / W}, {@code x = t/W} (spec §A.2): a
 * flexible unimodal shape on the whole support. Parameters {@code (a, b)}, {@code a ∈ [0.05, 100]},
 * {@code b ∈ [1.001, 100]}: {@code b > 1} keeps {@code v} finite at {@code t = W}, where it is 0 with
 * a zero gradient.
 *
 * <p>{@code ∂v/∂a = v(1/a + ln x) − a b (b−1) x^{2a−1}(1−x^a)^{b−2} ln x / W}, with the factor {@code b}
 * that the reference code's {@code grad_kumaraswamy} drops (pitfall §F.2; checked by finite
 * differences in the tests).
 */
final class KumaraswamyShape implements KernelShape {

    static final double MIN_A = 0.05;
    static final double MIN_B = 1.001;
    static final double MAX = 100;

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public String parameterName(int k) {
        return k == 0 ? "a" : "b";
    }

    @Override
    public double value(double t, double w, double[] th, int off) {
        double x = t / w;
        if (x <= 0 || x >= 1) {
            return 0.0;
        }
        double a = th[off];
        double b = th[off + 1];
        return a * b * Math.pow(x, a - 1) * Math.pow(1 - Math.pow(x, a), b - 1) / w;
    }

    @Override
    public void gradient(double t, double w, double[] th, int off, double[] g) {
        double x = t / w;
        if (x <= 0 || x >= 1) {
            g[0] = 0;
            g[1] = 0;
            return;
        }
        double a = th[off];
        double b = th[off + 1];
        double xa = Math.pow(x, a);
        double lx = Math.log(x);
        double v = a * b * Math.pow(x, a - 1) * Math.pow(1 - xa, b - 1) / w;
        g[0] = v * (1 / a + lx) - a * b * (b - 1) * Math.pow(x, 2 * a - 1) * Math.pow(1 - xa, b - 2) * lx / w;
        g[1] = v * (1 / b + Math.log1p(-xa));
    }

    @Override
    public double scale(int k, double w) {
        return 1.0;
    }

    @Override
    public void project(double[] th, int off, double w, double delta) {
        th[off] = Math.min(Math.max(th[off], MIN_A), MAX);
        th[off + 1] = Math.min(Math.max(th[off + 1], MIN_B), MAX);
    }

    @Override
    public void initialise(double mean, double sd, double w, double delta, double[] th, int off) {
        // a = 2 and the mode at the mean delay: the Kumaraswamy(a, b) mode is ((a−1)/(ab−1))^{1/a},
        // so for a = 2, b = (1/mode² + 1)/2
        double mode = Double.isFinite(mean) ? Math.min(Math.max(mean / w, 0.05), 0.95) : 0.4;
        th[off] = 2.0;
        th[off + 1] = (1 / (mode * mode) + 1) / 2;
        project(th, off, w, delta);
    }
}
