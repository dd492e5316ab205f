package io.witness.operators.kernel;

/**
 * A random feature map {@code φ: R^d → R^D} with {@code φ(x)·φ(y) ≈ k(x, y)}, written as a linear
 * projection followed by a pointwise non-linearity so that the compute backends can evaluate it for
 * a whole batch at once (spec online-methods.md §E.1; kernel-tests.md §A.4.2):
 * <ul>
 *   <li>{@link Form#TRIGONOMETRIC}: {@code φ(x) = scale·[cos(W x/σ) ; sin(W x/σ)]}, length 2m;</li>
 *   <li>{@link Form#POSITIVE}: {@code φ(x) = scale·exp(W x/σ − ‖x/σ‖²)}, length m.</li>
 * </ul>
 * W ({@code m × d}, row-major) is drawn once per configured monitor and shared by all keys; σ is passed
 * per call because it is usually learnt per key. Immutable and thread-safe.
 */
public interface FeatureMap {

    /** The output non-linearity. */
    enum Form { TRIGONOMETRIC, POSITIVE }

    Form form();

    /** d. */
    int inputDim();

    /** m, the number of projections (rows of W). */
    int projections();

    /** D, the length of φ(x): 2m for trigonometric features, m for positive ones. */
    default int outputDim() {
        return form() == Form.TRIGONOMETRIC ? 2 * projections() : projections();
    }

    /** W, row-major {@code m × d}. Do not modify. */
    double[] projection();

    /** The constant factor in front of every feature (usually {@code m^{-1/2}}). */
    double scale();

    /**
     * Writes φ(x) for {@code x = in[off..off+d)} into {@code out[outOff..outOff+D)} (trigonometric:
     * cosines first, then sines).
     *
     * @param invSigma 1/σ, the input scaling
     */
    default void map(double[] in, int off, double invSigma, double[] out, int outOff) {
        int d = inputDim();
        int m = projections();
        double[] w = projection();
        double s = scale();
        double sq = 0;
        if (form() == Form.POSITIVE) {
            for (int i = 0; i < d; i++) {
                double v = in[off + i] * invSigma;
                sq += v * v;
            }
        }
        for (int j = 0; j < m; j++) {
            int wo = j * d;
            double dot = 0;
            for (int i = 0; i < d; i++) {
                // fused, in input order: the CPU backend's arithmetic (bit-identical batched feature maps)
                dot = Math.fma(w[wo + i], in[off + i], dot);
            }
            double a = dot * invSigma;
            if (form() == Form.TRIGONOMETRIC) {
                out[outOff + j] = s * Math.cos(a);
                out[outOff + m + j] = s * Math.sin(a);
            } else {
                out[outOff + j] = s * Math.exp(a - sq);
            }
        }
    }
}
