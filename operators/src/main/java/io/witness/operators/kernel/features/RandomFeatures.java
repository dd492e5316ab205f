package io.witness.operators.kernel.features;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.GaussianSampler;

/**
 * A random feature map for the Gaussian kernel {@code exp(−‖x−y‖²/(2σ²))} with projections drawn under
 * any {@link FeatureCoupling}, in either {@link FeatureMap.Form} (spec online-methods.md §E.1):
 * <ul>
 *   <li>TRIGONOMETRIC: {@code φ(x) = m^{−1/2} [cos(Wx/σ) ; sin(Wx/σ)]}, D = 2m, {@code ‖φ(x)‖ = 1};
 *       with IID this is {@link io.witness.operators.kernel.RandomFourierFeatures}, with ORTHOGONAL the
 *       ORF of Yu et al. 2016. Simplex couplings are unbiased here too but the spec expects no gain
 *       over ORF for cos/sin features.</li>
 *   <li>POSITIVE: {@code φ(x) = m^{−1/2} exp(Wx/σ − ‖x/σ‖²)}, D = m, every feature &gt; 0, so kernel
 *       sums never cancel; SimRF's advantage is for this form.</li>
 * </ul>
 * {@code E[φ(x)·φ(y)] = k(x, y)} for every coupling. W does not depend on σ, so one instance is drawn
 * per configured monitor and shared by all keys. Immutable and thread-safe.
 */
public final class RandomFeatures implements FeatureMap {

    private final FeatureCoupling coupling;
    private final Form form;
    private final int dim;
    private final int projections;
    private final double[] w;
    private final double scale;

    private RandomFeatures(FeatureCoupling coupling, Form form, int dim, int projections, double[] w) {
        this.coupling = coupling;
        this.form = form;
        this.dim = dim;
        this.projections = projections;
        this.w = w;
        this.scale = 1.0 / Math.sqrt(projections);
    }

    /** m projections in d dimensions, drawn from a fresh sampler seeded with {@code seed}. */
    public static RandomFeatures draw(FeatureCoupling coupling, Form form, int dim, int projections, long seed) {
        return draw(coupling, form, dim, projections, new GaussianSampler(seed));
    }

    /** m projections in d dimensions, drawn from {@code sampler} (which advances). */
    public static RandomFeatures draw(FeatureCoupling coupling, Form form, int dim, int projections, GaussianSampler sampler) {
        double[] w = CoupledProjections.draw(coupling, dim, projections, sampler);
        return new RandomFeatures(coupling, form, dim, projections, w);
    }

    public FeatureCoupling coupling() {
        return coupling;
    }

    @Override
    public Form form() {
        return form;
    }

    @Override
    public int inputDim() {
        return dim;
    }

    @Override
    public int projections() {
        return projections;
    }

    @Override
    public double[] projection() {
        return w;
    }

    @Override
    public double scale() {
        return scale;
    }

    /** φ(x)·φ(y) for two points, at bandwidth σ = 1/invSigma: the kernel estimate this map gives. */
    public double estimate(double[] x, double[] y, double invSigma) {
        double[] fx = new double[outputDim()];
        double[] fy = new double[outputDim()];
        map(x, 0, invSigma, fx, 0);
        map(y, 0, invSigma, fy, 0);
        double s = 0;
        for (int i = 0; i < fx.length; i++) {
            s += fx[i] * fy[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "RandomFeatures[" + coupling.configName() + ", " + form + ", d=" + dim + ", m=" + projections + "]";
    }
}
