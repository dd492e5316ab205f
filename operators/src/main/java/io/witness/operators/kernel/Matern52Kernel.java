package io.witness.operators.kernel;

/**
 * Matérn ν = 5/2: {@code k = (1 + √5 r/σ + 5r²/(3σ²)) exp(−√5 r/σ)} with r = ‖x−y‖; bounded by 1.
 */
public final class Matern52Kernel extends BandwidthKernel {

    private static final double SQRT5 = Math.sqrt(5.0);
    private final double scale;

    public Matern52Kernel(double sigma) {
        super(sigma);
        this.scale = SQRT5 / sigma;
    }

    @Override
    public KernelKind kind() {
        return KernelKind.MATERN52;
    }

    @Override
    public double profile(double squaredDistance) {
        double s = scale * Math.sqrt(squaredDistance);
        return (1.0 + s + s * s / 3.0) * Math.exp(-s);
    }
}
