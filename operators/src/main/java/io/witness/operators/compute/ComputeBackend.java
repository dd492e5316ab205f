package io.witness.operators.compute;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;

/**
 * The batched kernel algebra every method runs through, on the CPU or a GPU with the same numbers
 * (within float tolerance). Matrices are row-major {@code double[]}: a point set {@code A} of n points
 * in d dimensions is {@code a[i*d + k]}. Implementations are thread-safe: one instance serves all
 * operators of a JVM, and concurrent calls are allowed (a GPU backend serialises them on its stream).
 *
 * <p>Output arrays are supplied by the caller so that hot paths allocate nothing; each method
 * overwrites the range it documents and touches nothing else.
 */
public interface ComputeBackend extends AutoCloseable {

    /** "cpu" or "cuda", as reported in logs and in {@code witness_backend_info}. */
    String name();

    /** A one-line human description (device name, threads, precision). */
    String description();

    Precision precision();

    /** The Gram block {@code out[i*m + j] = k(a_i, b_j)}, {@code i < n, j < m}. */
    void gram(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out);

    /**
     * The fused product {@code out[i*c + r] = Σ_j k(a_i, b_j) v[j*c + r]} ({@code K(A,B)·V}, V is
     * {@code m × c}) without materialising K beyond one cache-sized block.
     */
    void kernelTimes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c, double[] out);

    /** {@code out[i] = Σ_j k(a_i, b_j)}: row sums of K(A,B), length n. */
    void rowSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out);

    /** {@code out[j] = Σ_i k(a_i, b_j)}: column sums of K(A,B), length m. */
    void columnSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out);

    /** φ of a batch: {@code out[i*D .. i*D+D) = φ(x_i)} with D = {@link FeatureMap#outputDim()}. */
    void featureMap(FeatureMap map, double invSigma, double[] x, int n, double[] out);

    /**
     * φ of a batch whose rows have their own input scaling: {@code out[i*D .. i*D+D) = φ(x_i)} at
     * {@code 1/σ = invSigmas[i]}. Streaming monitors learn σ per key (SKIT's median heuristic), and one
     * micro-batch holds the rows of many keys. The default runs {@link #featureMap} once per run of
     * equal consecutive {@code invSigmas} (once in all when they are all equal), so its numbers are
     * exactly those of {@code featureMap}; a backend may override it with one fused pass that gives
     * the same numbers.
     */
    default void featureMapRows(FeatureMap map, double[] invSigmas, double[] x, int n, double[] out) {
        int d = map.inputDim();
        int dOut = map.outputDim();
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && Double.compare(invSigmas[end], invSigmas[start]) == 0) {
                end++;
            }
            if (start == 0 && end == n) {
                featureMap(map, invSigmas[0], x, n, out);
            } else {
                double[] rows = java.util.Arrays.copyOfRange(x, start * d, end * d);
                double[] phi = new double[(end - start) * dOut];
                featureMap(map, invSigmas[start], rows, end - start, phi);
                System.arraycopy(phi, 0, out, start * dOut, phi.length);
            }
            start = end;
        }
    }

    /**
     * The product Falkon's conjugate gradient needs (kernel-tests.md §C.3):
     * {@code out = K_nmᵀ (w ∘ (K_nm v))}, with {@code K_nm = K(X, C)} for n data points X and m centres C,
     * v of length m, w of length n ({@code null} means all ones), out of length m. K_nm is never
     * materialised whole.
     */
    void knmTransposeKnm(Kernel k, double[] x, int n, double[] centres, int m, int d,
                         double[] w, double[] v, double[] out);

    /** Releases threads or device memory; the backend is unusable afterwards. */
    @Override
    void close();
}
