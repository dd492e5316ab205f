package io.witness.operators.kernel;

/**
 * A translation-invariant kernel written as a <em>profile</em> of one distance:
 * {@code k(x, y) = profile(distance(x, y))} with the distance of {@link KernelKind#distance()}.
 * Immutable and thread-safe. The compute backends rely on this split: they compute the distance in
 * their own blocked (or GPU) loops and apply {@link #profile} — or, on the GPU, the same formula from
 * {@link #kind()} and {@link #parameters()}.
 */
public interface Kernel {

    KernelKind kind();

    /** The length scale σ (for Laplace, 1/γ). */
    double bandwidth();

    /**
     * The kernel's parameters in a fixed order shared with the CUDA source
     * ({@code operators/src/main/cuda}): {@code [σ, c, β]}; c and β are 0 for families without them.
     */
    double[] parameters();

    /** k as a function of the distance of {@link KernelKind#distance()}. */
    double profile(double distance);

    /** k between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}. */
    default double value(double[] a, int aOff, double[] b, int bOff, int d) {
        return profile(kind().distance().between(a, aOff, b, bOff, d));
    }

    /** k between two whole vectors of equal length. */
    default double value(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch: " + a.length + " vs " + b.length);
        }
        return value(a, 0, b, 0, a.length);
    }

    /** k(x, x); every family here has it constant. */
    default double diagonal() {
        return profile(0.0);
    }

    /** Checks a bandwidth: finite and &gt; 0. */
    static double requireBandwidth(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("bandwidth must be finite and > 0, got " + sigma);
        }
        return sigma;
    }
}
