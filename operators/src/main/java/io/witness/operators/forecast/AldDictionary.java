package io.witness.operators.forecast;

import io.witness.operators.kernel.Kernel;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The approximate-linear-dependence dictionary of spec §D.2: basis points S, and the Cholesky factor L
 * of K_S (K_S = L Lᵀ, packed lower triangle) grown one row per added point. The ALD quantities for an
 * input x come from one forward substitution: {@code l = L⁻¹ k_S(x)}, {@code δ = k(x,x) − ‖l‖²} (the
 * squared RKHS distance of φ(x) to span S), and {@code β = K_S⁻¹ k_S(x) = L⁻ᵀ l} by a backward one —
 * the spec's "Cholesky and two triangular solves". Adding x appends the row {@code [lᵀ, √δ]} to L
 * (O(k²), no refactorisation). A point is only added when δ exceeds the ALD threshold, so L's diagonal
 * stays ≥ √threshold and the solves are well conditioned without a ridge.
 *
 * <p>The size is hard-capped ({@link #capacity()}); the regressors freeze it there and keep making
 * projected updates (spec §D.3 streaming variant, §F item 6).
 */
final class AldDictionary {

    private final Kernel kernel;
    private final int dim;
    private final int capacity;
    private final double[] points;
    /** Packed lower triangle: row i holds L[i][0..i] at offset i(i+1)/2. */
    private final double[] chol;
    private int size;

    AldDictionary(Kernel kernel, int dim, int capacity) {
        this.kernel = kernel;
        this.dim = dim;
        this.capacity = capacity;
        this.points = new double[capacity * dim];
        this.chol = new double[capacity * (capacity + 1) / 2];
    }

    Kernel kernel() {
        return kernel;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    int dim() {
        return dim;
    }

    boolean full() {
        return size == capacity;
    }

    /** {@code out[i] = k(s_i, x)} for every basis point. */
    void kernelRow(double[] x, double[] out) {
        for (int i = 0; i < size; i++) {
            out[i] = kernel.value(points, i * dim, x, 0, dim);
        }
    }

    /** Forward substitution {@code l = L⁻¹ k}; returns δ = k(x,x) − ‖l‖², clamped at 0. */
    double forward(double[] k, double[] l) {
        double norm2 = 0;
        int row = 0;
        for (int i = 0; i < size; i++) {
            double s = k[i];
            for (int j = 0; j < i; j++) {
                s -= chol[row + j] * l[j];
            }
            double li = s / chol[row + i];
            l[i] = li;
            norm2 += li * li;
            row += i + 1;
        }
        return Math.max(kernel.diagonal() - norm2, 0.0);
    }

    /** Backward substitution {@code β = L⁻ᵀ l}. */
    void backward(double[] l, double[] beta) {
        for (int i = size - 1; i >= 0; i--) {
            double s = l[i];
            for (int j = i + 1; j < size; j++) {
                s -= chol[j * (j + 1) / 2 + i] * beta[j];
            }
            beta[i] = s / chol[i * (i + 1) / 2 + i];
        }
    }

    /** Appends x, whose forward solve gave {@code l} and {@code δ > 0}. */
    void add(double[] x, double[] l, double delta) {
        if (size == capacity) {
            throw new IllegalStateException("dictionary is full (" + capacity + ")");
        }
        System.arraycopy(x, 0, points, size * dim, dim);
        int row = size * (size + 1) / 2;
        System.arraycopy(l, 0, chol, row, size);
        chol[row + size] = Math.sqrt(delta);
        size++;
    }

    /** Bytes of {@link #write}: the count, the points and the packed factor. */
    static int bytesFor(int size, int dim) {
        return 4 + 8 * size * dim + 8 * (size * (size + 1) / 2);
    }

    int stateBytes() {
        return bytesFor(size, dim);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        StateOutput.writeDoubles(out, points, 0, size * dim);
        StateOutput.writeDoubles(out, chol, 0, size * (size + 1) / 2);
    }

    void read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > capacity) {
            throw new IOException("kernel-forecast state: dictionary of " + n + " points does not fit the cap " + capacity);
        }
        size = n;
        StateInput.readDoubles(in, points, 0, n * dim);
        StateInput.readDoubles(in, chol, 0, n * (n + 1) / 2);
    }
}
