package io.witness.operators.nplm;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.Kernel;

/**
 * The three products with {@code K_NM = K(X, C)} that logistic Falkon needs (spec kernel-tests.md §C.3),
 * all through a {@link ComputeBackend}: {@code K_NM v} (predictions), {@code K_NMᵀ u} (the gradient)
 * and {@code K_NMᵀ (w ∘ K_NM v)} (the Hessian in every CG iteration). Not thread-safe (scratch buffers).
 */
abstract class KnmProducts {

    final ComputeBackend backend;
    final Kernel kernel;
    final double[] x;
    final int n;
    final double[] centres;
    final int m;
    final int d;

    KnmProducts(ComputeBackend backend, Kernel kernel, double[] x, int n, double[] centres, int m, int d) {
        this.backend = backend;
        this.kernel = kernel;
        this.x = x;
        this.n = n;
        this.centres = centres;
        this.m = m;
        this.d = d;
    }

    /** The products for this problem in the resolved {@code mode}. */
    static KnmProducts of(KnmMode mode, ComputeBackend backend, Kernel kernel, double[] x, int n,
                          double[] centres, int m, int d) {
        return switch (mode.resolve(n, m, backend.name())) {
            case MATERIALISED -> new Materialised(backend, kernel, x, n, centres, m, d);
            case STREAMED, AUTO -> new Streamed(backend, kernel, x, n, centres, m, d);
        };
    }

    /** {@code out[i] = Σ_j k(x_i, c_j) v[j]}, out of length n. */
    abstract void times(double[] v, double[] out);

    /** {@code out[j] = Σ_i k(x_i, c_j) u[i]}, out of length m. */
    abstract void transposeTimes(double[] u, double[] out);

    /** {@code out = K_NMᵀ (w ∘ (K_NM v))}, out of length m. */
    abstract void weightedGram(double[] w, double[] v, double[] out);

    /** The mode actually in use. */
    abstract KnmMode mode();

    /** Every product recomputes the kernel through the backend's fused calls. */
    static final class Streamed extends KnmProducts {

        Streamed(ComputeBackend backend, Kernel kernel, double[] x, int n, double[] centres, int m, int d) {
            super(backend, kernel, x, n, centres, m, d);
        }

        @Override
        void times(double[] v, double[] out) {
            backend.kernelTimes(kernel, x, n, centres, m, d, v, 1, out);
        }

        @Override
        void transposeTimes(double[] u, double[] out) {
            // K_NMᵀ u = K(C, X) u: every family here is symmetric
            backend.kernelTimes(kernel, centres, m, x, n, d, u, 1, out);
        }

        @Override
        void weightedGram(double[] w, double[] v, double[] out) {
            backend.knmTransposeKnm(kernel, x, n, centres, m, d, w, v, out);
        }

        @Override
        KnmMode mode() {
            return KnmMode.STREAMED;
        }
    }

    /** K_NM built once by the backend's {@code gram}; the products are then plain loops over it. */
    static final class Materialised extends KnmProducts {

        private final double[] knm;
        private final double[] scratch;

        Materialised(ComputeBackend backend, Kernel kernel, double[] x, int n, double[] centres, int m, int d) {
            super(backend, kernel, x, n, centres, m, d);
            this.knm = new double[Math.multiplyExact(n, m)];
            this.scratch = new double[n];
            backend.gram(kernel, x, n, centres, m, d, knm);
        }

        @Override
        void times(double[] v, double[] out) {
            for (int i = 0; i < n; i++) {
                int row = i * m;
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += knm[row + j] * v[j];
                }
                out[i] = s;
            }
        }

        @Override
        void transposeTimes(double[] u, double[] out) {
            java.util.Arrays.fill(out, 0, m, 0.0);
            for (int i = 0; i < n; i++) {
                double ui = u[i];
                if (ui == 0) {
                    continue;
                }
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    out[j] += knm[row + j] * ui;
                }
            }
        }

        @Override
        void weightedGram(double[] w, double[] v, double[] out) {
            times(v, scratch);
            if (w != null) {
                for (int i = 0; i < n; i++) {
                    scratch[i] *= w[i];
                }
            }
            transposeTimes(scratch, out);
        }

        @Override
        KnmMode mode() {
            return KnmMode.MATERIALISED;
        }
    }
}
