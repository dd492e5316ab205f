package io.witness.operators.kernel;

/** The L1 Laplace kernel {@code k(x,y) = exp(-‖x−y‖₁ / σ)} (spec §0.1 with γ = 1/σ); bounded by 1. */
public final class LaplaceKernel extends BandwidthKernel {

    private final double inv;

    public LaplaceKernel(double sigma) {
        super(sigma);
        this.inv = 1.0 / sigma;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.LAPLACE;
    }

    @Override
    public double profile(double l1Distance) {
        return Math.exp(-inv * l1Distance);
    }
}
