package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;

import java.util.Arrays;

/**
 * The GP posterior over a finite candidate set D of M points, refreshed in O(nM) per observation
 * (spec online-methods.md §B.4): keeps {@code V = L⁻¹K(X_n, D)} (n × M), {@code μ(D) = Vᵀa} and
 * {@code σ²(D) = k(D,D) − colsum(V∘V)}. A new observation appends the row
 * {@code v = (k(x_new, D) − cᵀV)/d}, then {@code σ²(D) −= v²} and {@code μ(D) += a_new·v}; overwriting a
 * y slot (delayed reward replacing its placeholder) changes {@code a} from that slot on and {@code μ(D)}
 * by {@code Σ Δa_i V_i}. Used by the §B.3 simulations (GP-UCB-SDF, BPE-Delay on a 2,500-point grid).
 * Observations are indices into D. Not thread-safe.
 */
public final class FiniteDomainGp {
    private final Kernel kernel;
    private final double[] domain;
    private final int dim;
    private final int m;
    private final double lambda;
    private final GrowingCholesky chol = new GrowingCholesky();
    private double[][] v = new double[16][];
    private int[] points = new int[16];
    private double[] ys = new double[16];
    private double[] as = new double[16];
    private final double[] mean;
    private final double[] variance;

    /** @param domain the M candidate points, row-major M × dim (not copied; do not modify) */
    public FiniteDomainGp(Kernel kernel, double[] domain, int dim, double lambda) {
        this.kernel = kernel;
        this.domain = domain;
        this.dim = dim;
        this.m = domain.length / dim;
        this.lambda = lambda;
        this.mean = new double[m];
        this.variance = new double[m];
        for (int j = 0; j < m; j++) {
            variance[j] = kernel.value(domain, j * dim, domain, j * dim, dim);
        }
    }

    public int size() {
        return chol.size();
    }

    public int domainSize() {
        return m;
    }

    public double mean(int j) {
        return mean[j];
    }

    public double variance(int j) {
        return Math.max(0.0, variance[j]);
    }

    /** Appends an observation of domain point j with value y; returns its slot. */
    public int add(int j, double y) {
        int n = size();
        double[] kn = new double[n];
        for (int i = 0; i < n; i++) {
            kn[i] = kernel.value(domain, points[i] * dim, domain, j * dim, dim);
        }
        double[] c = chol.solve(kn);
        double cc = 0;
        double ca = 0;
        for (int i = 0; i < n; i++) {
            cc += c[i] * c[i];
            ca += c[i] * as[i];
        }
        double kxx = kernel.value(domain, j * dim, domain, j * dim, dim);
        double d = Math.sqrt(Math.max(kxx + lambda - cc, lambda * 1e-16));
        // v = (k(x, D) − cᵀV) / d, accumulated row by row so V is read in storage order
        double[] row = new double[m];
        for (int q = 0; q < m; q++) {
            row[q] = kernel.value(domain, j * dim, domain, q * dim, dim);
        }
        for (int i = 0; i < n; i++) {
            double ci = c[i];
            if (ci != 0) {
                double[] vi = v[i];
                for (int q = 0; q < m; q++) {
                    row[q] -= ci * vi[q];
                }
            }
        }
        double aNew = (y - ca) / d;
        for (int q = 0; q < m; q++) {
            row[q] /= d;
            variance[q] -= row[q] * row[q];
            mean[q] += aNew * row[q];
        }
        chol.append(c, d);
        if (n == points.length) {
            points = Arrays.copyOf(points, 2 * n);
            ys = Arrays.copyOf(ys, 2 * n);
            as = Arrays.copyOf(as, 2 * n);
            v = Arrays.copyOf(v, 2 * n);
        }
        points[n] = j;
        ys[n] = y;
        as[n] = aNew;
        v[n] = row;
        return n;
    }

    /** Overwrites the y of {@code slot}: {@code a} from there on, and {@code μ(D)} with it. */
    public void setY(int slot, double y) {
        int n = size();
        double[] before = Arrays.copyOfRange(as, slot, n);
        ys[slot] = y;
        chol.resolveFrom(ys, as, slot);
        for (int i = slot; i < n; i++) {
            double delta = as[i] - before[i - slot];
            if (delta != 0) {
                double[] vi = v[i];
                for (int q = 0; q < m; q++) {
                    mean[q] += delta * vi[q];
                }
            }
        }
    }
}
