package io.witness.operators.kernel;

/**
 * The shared part of the kernel families with one validated length scale σ: the bandwidth and the
 * parameter vector {@code [σ, c, β]} of {@link Kernel#parameters()}, with c = β = 0 unless a family
 * overrides it (IMQ). Each family keeps its own profile and any constants precomputed from σ.
 */
public abstract class BandwidthKernel implements Kernel {

    /** The length scale σ, checked by {@link Kernel#requireBandwidth}. */
    protected final double sigma;

    protected BandwidthKernel(double sigma) {
        this.sigma = Kernel.requireBandwidth(sigma);
    }

    @Override
    public final double bandwidth() {
        return sigma;
    }

    @Override
    public double[] parameters() {
        return new double[] {sigma, 0, 0};
    }
}
