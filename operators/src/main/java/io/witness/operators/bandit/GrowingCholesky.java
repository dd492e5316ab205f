package io.witness.operators.bandit;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A lower-triangular Cholesky factor L of {@code K + λI} that grows by one row per observation and can
 * drop any row (spec online-methods.md §B.4, "rank-1 Cholesky growth" and "sliding window"). Rows are
 * jagged ({@code row i} has {@code i + 1} entries), so appending and deleting never copy the whole matrix
 * and the state holds exactly the {@code n(n+1)/2} numbers of the triangle.
 *
 * <p>These loops are O(n²) vector work per operation on n ≤ a few hundred; EJML's dense kernels would
 * need the square matrix copied in and out on every event, which costs more than the loops themselves.
 * Not thread-safe.
 */
final class GrowingCholesky {
    private double[][] rows = new double[8][];
    private int n;

    int size() {
        return n;
    }

    double get(int i, int j) {
        return rows[i][j];
    }

    double diagonal(int i) {
        return rows[i][i];
    }

    /** Solves {@code L c = b} for the first n entries of b (forward substitution), into a new array. */
    double[] solve(double[] b) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows[i];
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= r[j] * c[j];
            }
            c[i] = s / r[i];
        }
        return c;
    }

    /**
     * Recomputes {@code c[from..n)} of {@code L c = b} when only {@code b[from..n)} changed (or rows from
     * {@code from} on changed): entries before {@code from} are kept.
     */
    void resolveFrom(double[] b, double[] c, int from) {
        for (int i = from; i < n; i++) {
            double[] r = rows[i];
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= r[j] * c[j];
            }
            c[i] = s / r[i];
        }
    }

    /** Appends the row {@code [cᵀ, d]} (c of length n, d &gt; 0): the factor of the grown matrix. */
    void append(double[] c, double d) {
        if (n == rows.length) {
            rows = Arrays.copyOf(rows, 2 * n);
        }
        double[] r = Arrays.copyOf(c, n + 1);
        r[n] = d;
        rows[n++] = r;
    }

    /**
     * Deletes row and column {@code i}: the factor of the matrix without observation i. Rows above i are
     * unchanged; the trailing block absorbs the removed column by a rank-1 update
     * {@code L₃₃' L₃₃'ᵀ = L₃₃ L₃₃ᵀ + l₃₂ l₃₂ᵀ} (§B.4, sliding window), O((n − i)²).
     */
    void remove(int i) {
        int p = n - i - 1;
        double[] x = new double[p];
        for (int k = 0; k < p; k++) {
            x[k] = rows[i + 1 + k][i];
        }
        for (int k = i + 1; k < n; k++) {
            double[] old = rows[k];
            double[] r = new double[k];
            System.arraycopy(old, 0, r, 0, i);
            System.arraycopy(old, i + 1, r, i, k - i);
            rows[k - 1] = r;
        }
        rows[--n] = null;
        // rank-1 update of the trailing block, which now starts at row/column i
        for (int k = 0; k < p; k++) {
            int kk = i + k;
            double lkk = rows[kk][kk];
            double r = Math.hypot(lkk, x[k]);
            double c = r / lkk;
            double s = x[k] / lkk;
            rows[kk][kk] = r;
            for (int j = k + 1; j < p; j++) {
                double[] row = rows[i + j];
                row[kk] = (row[kk] + s * x[j]) / c;
                x[j] = c * x[j] - s * row[kk];
            }
        }
    }

    /** {@code Σ ln L_ii = ½ ln det(K + λI)}. */
    double sumLogDiagonal() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(rows[i][i]);
        }
        return s;
    }

    int stateBytes() {
        return 4 + 8 * (n * (n + 1) / 2);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            StateOutput.writeDoubles(out, rows[i], 0, i + 1);
        }
    }

    static GrowingCholesky read(DataInput in, int maxRows) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > maxRows) {
            throw new IOException("Cholesky factor of " + n + " rows (at most " + maxRows + " expected)");
        }
        GrowingCholesky l = new GrowingCholesky();
        l.rows = new double[Math.max(8, n)][];
        for (int i = 0; i < n; i++) {
            double[] r = new double[i + 1];
            StateInput.readDoubles(in, r, 0, i + 1);
            l.rows[i] = r;
        }
        l.n = n;
        return l;
    }
}
