package io.witness.operators.kernel;

/**
 * Unit-norm random Fourier features for the Gaussian kernel (spec §A.4.2):
 * {@code φ(x) = D^{-1/2} [cos(ω_j·x) ; sin(ω_j·x)]_{j=1..D}} with {@code ω_j = z_j / σ}, so that
 * {@code ‖φ(x)‖ = 1} exactly and {@code φ(x)·φ(x′) ≈ exp(−‖x−x′‖²/(2σ²))}.
 *
 * <p>The standard-normal matrix {@code z} does not depend on σ, so one instance is drawn per
 * configured monitor and shared by all keys (immutable, thread-safe); only σ is per key and is passed
 * to {@link #map}.
 */
public final class RandomFourierFeatures implements FeatureMap {

    private final int dim;
    private final int features;
    /** z, row-major {@code features × dim}. */
    private final double[] z;
    private final double scale;

    /** Draws {@code features × dim} standard normals from {@code sampler}, row by row. */
    public RandomFourierFeatures(int dim, int features, GaussianSampler sampler) {
        if (dim < 1 || features < 1) {
            throw new IllegalArgumentException("dim and features must be ≥ 1");
        }
        this.dim = dim;
        this.features = features;
        this.z = new double[features * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = sampler.next();
        }
        this.scale = 1.0 / Math.sqrt(features);
    }

    public int dim() {
        return dim;
    }

    @Override
    public Form form() {
        return Form.TRIGONOMETRIC;
    }

    @Override
    public int inputDim() {
        return dim;
    }

    @Override
    public int projections() {
        return features;
    }

    @Override
    public double[] projection() {
        return z;
    }

    @Override
    public double scale() {
        return scale;
    }

    /** D, the number of frequencies. */
    public int features() {
        return features;
    }

    /** Length of the feature vector, 2D. */
    public int length() {
        return 2 * features;
    }

    /**
     * Writes φ(x) for {@code x = in[off..off+dim)} into {@code out[0..2D)}: cosines first, then sines.
     *
     * @param invSigma 1/σ
     */
    public void map(double[] in, int off, double invSigma, double[] out) {
        int d = features;
        for (int j = 0; j < d; j++) {
            int zo = j * dim;
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                // fused, in input order: the CPU backend's arithmetic, so batched feature maps are bit-identical
                dot = Math.fma(z[zo + i], in[off + i], dot);
            }
            double a = dot * invSigma;
            out[j] = scale * Math.cos(a);
            out[d + j] = scale * Math.sin(a);
        }
    }
}
