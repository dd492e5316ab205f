package io.witness.operators.kernel;

/**
 * The Gaussian (RBF) kernel {@code k(x,y) = exp(-||x-y||² / (2σ²))}, written exactly as in spec §0.1.
 * It is bounded by 1 with {@code k(x,x) = 1}, which SKIT relies on to keep its payoff in [-1, 1]
 * (§A.2.4).
 */
public final class GaussianKernel {

    private final double sigma;
    /** {@code 1/(2σ²)}, the scikit-learn {@code γ}; precomputed because it is used in every evaluation. */
    private final double gamma;

    public GaussianKernel(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("bandwidth must be finite and > 0, got " + sigma);
        }
        this.sigma = sigma;
        this.gamma = 1.0 / (2.0 * sigma * sigma);
    }

    public double sigma() {
        return sigma;
    }

    /** k between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}. */
    public double value(double[] a, int aOff, double[] b, int bOff, int d) {
        return Math.exp(-gamma * squaredDistance(a, aOff, b, bOff, d));
    }

    /** k between two whole vectors of equal length. */
    public double value(double[] a, double[] b) {
        return value(a, 0, b, 0, a.length);
    }

    /** Squared Euclidean distance by direct differences, so it is ≥ 0 without clamping (§0.3). */
    public static double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double diff = a[aOff + i] - b[bOff + i];
            s += diff * diff;
        }
        return s;
    }
}
