package io.witness.operators.kernel;

/**
 * The Gaussian (RBF) kernel {@code k(x,y) = exp(-||x-y||² / (2σ²))}, written exactly as in spec §0.1.
 * It is bounded by 1 with {@code k(x,x) = 1}, which SKIT relies on to keep its payoff in [-1, 1]
 * (§A.2.4).
 */
public final class GaussianKernel extends BandwidthKernel {

    /** {@code 1/(2σ²)}, the scikit-learn {@code γ}; precomputed because it is used in every evaluation. */
    private final double gamma;

    public GaussianKernel(double sigma) {
        super(sigma);
        this.gamma = 1.0 / (2.0 * sigma * sigma);
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.GAUSSIAN;
    }

    @Override
    public double profile(double squaredDistance) {
        return Math.exp(-gamma * squaredDistance);
    }

    @Override
    public double value(double[] a, int aOff, double[] b, int bOff, int d) {
        return Math.exp(-gamma * squaredDistance(a, aOff, b, bOff, d));
    }

    /** Squared Euclidean distance by direct differences, so it is ≥ 0 without clamping (§0.3). */
    public static double squaredDistance(double[] a, int aOff, double[] b, int bOff, int d) {
        return KernelDistance.SQUARED_EUCLIDEAN.between(a, aOff, b, bOff, d);
    }
}
