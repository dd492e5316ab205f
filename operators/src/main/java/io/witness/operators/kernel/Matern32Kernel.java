package io.witness.operators.kernel;

/** Matérn ν = 3/2: {@code k = (1 + √3 r/σ) exp(−√3 r/σ)} with r = ‖x−y‖; bounded by 1. */
public final class Matern32Kernel extends BandwidthKernel {

    private static final double SQRT3 = Math.sqrt(3.0);
    private final double scale;

    public Matern32Kernel(double sigma) {
        super(sigma);
        this.scale = SQRT3 / sigma;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.MATERN32;
    }

    @Override
    public double profile(double squaredDistance) {
        double s = scale * Math.sqrt(squaredDistance);
        return (1.0 + s) * Math.exp(-s);
    }
}
