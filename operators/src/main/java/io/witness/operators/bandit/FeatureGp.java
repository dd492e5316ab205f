package io.witness.operators.bandit;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bayesian linear regression on a fixed feature map ψ: R^d → R^m, the bounded-memory GP of spec
 * online-methods.md §B.4 (options 2 and 3): {@code A = λI + Σ ψψᵀ}, {@code b = Σ ψy},
 * {@code μ(x) = ψᵀA⁻¹b}, {@code σ²(x) = max(0, k(x,x) − ‖ψ‖²) + λ ψᵀA⁻¹ψ}. A is kept as its Cholesky
 * factor, updated by rank-1 Cholesky update (add) and downdate (remove) in O(m²), so memory is O(m²)
 * however many observations; {@code θ = A⁻¹b} is re-solved after each change (two triangular solves).
 * Not thread-safe.
 */
public final class FeatureGp {
    private final int m;
    private final double lambda;
    /** Lower Cholesky factor of A, row-major m × m. */
    private final double[] l;
    private final double[] b;
    private final double[] theta;
    private long observations;

    public FeatureGp(int m, double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
        }
        this.m = m;
        this.lambda = lambda;
        this.l = new double[m * m];
        double s = Math.sqrt(lambda);
        for (int i = 0; i < m; i++) {
            l[i * m + i] = s;
        }
        this.b = new double[m];
        this.theta = new double[m];
    }

    public int features() {
        return m;
    }

    public long observations() {
        return observations;
    }

    public double mean(double[] psi) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += psi[i] * theta[i];
        }
        return s;
    }

    /** σ²(x) for feature vector ψ(x) and the kernel's {@code k(x,x)}. */
    public double variance(double[] psi, double kxx) {
        double[] c = forward(psi);
        double cc = 0;
        double pp = 0;
        for (int i = 0; i < m; i++) {
            cc += c[i] * c[i];
            pp += psi[i] * psi[i];
        }
        return Math.max(0.0, kxx - pp) + lambda * cc;
    }

    /** Adds observation (ψ, y): A += ψψᵀ, b += ψy. */
    public void add(double[] psi, double y) {
        rankOne(psi, +1);
        for (int i = 0; i < m; i++) {
            b[i] += psi[i] * y;
        }
        observations++;
        solveTheta();
    }

    /** Changes the y of an observation already added with ψ by {@code delta}: b += ψ·delta. */
    public void adjust(double[] psi, double delta) {
        for (int i = 0; i < m; i++) {
            b[i] += psi[i] * delta;
        }
        solveTheta();
    }

    /** Removes an observation (ψ, y) added before: A −= ψψᵀ, b −= ψy. */
    public void remove(double[] psi, double y) {
        rankOne(psi, -1);
        for (int i = 0; i < m; i++) {
            b[i] -= psi[i] * y;
        }
        observations--;
        solveTheta();
    }

    /** {@code γ = ½ ln det(λ⁻¹A) = Σ ln L_ii − (m/2) ln λ} (= ½ ln det(I + λ⁻¹ΦΦᵀ)). */
    public double informationGain() {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += Math.log(l[i * m + i]);
        }
        return s - 0.5 * m * Math.log(lambda);
    }

    /**
     * Rank-1 update ({@code sign = +1}) or downdate ({@code −1}) of the Cholesky factor. A downdate
     * removes a vector that was added before, so the result stays ⪰ λI in exact arithmetic; the
     * diagonal is floored at √λ·1e-6 so that rounding can never make it imaginary.
     */
    private void rankOne(double[] psi, int sign) {
        double[] x = psi.clone();
        for (int k = 0; k < m; k++) {
            double lkk = l[k * m + k];
            double r2 = lkk * lkk + sign * x[k] * x[k];
            double r = Math.sqrt(Math.max(r2, lambda * 1e-12));
            double c = r / lkk;
            double s = x[k] / lkk;
            l[k * m + k] = r;
            for (int j = k + 1; j < m; j++) {
                double ljk = (l[j * m + k] + sign * s * x[j]) / c;
                l[j * m + k] = ljk;
                x[j] = c * x[j] - s * ljk;
            }
        }
    }

    private double[] forward(double[] v) {
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            double s = v[i];
            for (int j = 0; j < i; j++) {
                s -= l[i * m + j] * c[j];
            }
            c[i] = s / l[i * m + i];
        }
        return c;
    }

    private void solveTheta() {
        double[] c = forward(b);
        for (int i = m - 1; i >= 0; i--) {
            double s = c[i];
            for (int j = i + 1; j < m; j++) {
                s -= l[j * m + i] * theta[j];
            }
            theta[i] = s / l[i * m + i];
        }
    }

    public int stateBytes() {
        return 8 + 8 * (m * (m + 1) / 2 + 2 * m);
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(observations);
        for (int i = 0; i < m; i++) {
            StateOutput.writeDoubles(out, l, i * m, i + 1);
        }
        StateOutput.writeDoubles(out, b, 0, m);
        StateOutput.writeDoubles(out, theta, 0, m);
    }

    public static FeatureGp read(DataInput in, int m, double lambda) throws IOException {
        FeatureGp g = new FeatureGp(m, lambda);
        g.observations = in.readLong();
        for (int i = 0; i < m; i++) {
            StateInput.readDoubles(in, g.l, i * m, i + 1);
        }
        StateInput.readDoubles(in, g.b, 0, m);
        StateInput.readDoubles(in, g.theta, 0, m);
        return g;
    }
}
