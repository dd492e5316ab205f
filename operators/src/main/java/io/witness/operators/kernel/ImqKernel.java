package io.witness.operators.kernel;

/**
 * The inverse multiquadric kernel {@code k(x,y) = (c² + ‖x−y‖²/σ²)^β}, c &gt; 0, −1 &lt; β &lt; 0
 * (spec §0.1; the KSD tests of §B use c = 1, β = −1/2). Positive definite and, unlike the Gaussian,
 * heavy-tailed, which is what makes KSD with IMQ detect non-convergence (Gorham–Mackey).
 */
public final class ImqKernel extends BandwidthKernel {

    private final double c;
    private final double beta;
    private final double c2;
    private final double invSigma2;

    /** The Gorham–Mackey default c = 1, β = −1/2. */
    public ImqKernel(double sigma) {
        this(sigma, 1.0, -0.5);
    }

    public ImqKernel(double sigma, double c, double beta) {
        super(sigma);
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("IMQ c must be finite and > 0, got " + c);
        }
        if (!(beta > -1 && beta < 0)) {
            throw new IllegalArgumentException("IMQ beta must be in (-1, 0), got " + beta);
        }
        this.c = c;
        this.beta = beta;
        this.c2 = c * c;
        this.invSigma2 = 1.0 / (sigma * sigma);
    }

    public double c() {
        return c;
    }

    public double beta() {
        return beta;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.IMQ;
    }

    @Override
    public double[] parameters() {
        return new double[] {sigma, c, beta};
    }

    @Override
    public double profile(double squaredDistance) {
        double base = c2 + squaredDistance * invSigma2;
        // β = −1/2 is the common case; 1/√ is both faster and exact to the last bit of Math.pow's result
        return beta == -0.5 ? 1.0 / Math.sqrt(base) : Math.pow(base, beta);
    }
}
