package io.witness.operators.hawkes;

/**
 * The kernels of all {@code p × p} pairs on the grid (spec §A.2): {@code φ_ij[τ] = v_ij(τΔ) / Z_ij},
 * {@code Z_ij = Δ Σ_{τ=1..L} v_ij(τΔ)}, {@code φ[0] = 0}, so that {@code Δ Σ_τ φ_ij[τ] = 1} and
 * {@code α_ij} is the discrete L1 norm of the excitation. Derivatives by the quotient rule
 * {@code ∂φ = (∂v·Z − v·Δ Σ ∂v) / Z²}. Also the cumulative sums {@code Δ Σ_{τ'≤τ} φ[τ']} used by the
 * compensator. Mutable scratch, one per solver.
 */
public final class DiscreteKernels {
    private final KernelFamily family;
    private final KernelShape shape;
    private final HawkesGrid grid;
    private final int k;
    private final int l1;
    private int p;
    private double[] phi;
    private double[] dphi;
    private double[] cumulative;
    private final double[] g;
    private final double[] dv;

    public DiscreteKernels(KernelFamily family, HawkesGrid grid, int p) {
        this.family = family;
        this.shape = family.shape();
        this.grid = grid;
        this.k = shape.parameterCount();
        this.l1 = grid.support() + 1;
        this.g = new double[k];
        this.dv = new double[k * l1];
        resize(p);
    }

    private void resize(int newP) {
        p = newP;
        phi = new double[p * p * l1];
        dphi = new double[p * p * k * l1];
        cumulative = new double[p * p * l1];
    }

    public int dimension() {
        return p;
    }

    public KernelFamily family() {
        return family;
    }

    /**
     * Evaluates every pair's kernel (and, with {@code withGradient}, its parameter derivatives) at the
     * parameters {@code eta[(i·p + j)·K + e]}.
     *
     * @throws IllegalStateException if a kernel is zero on the whole grid (the projections prevent it)
     */
    public void evaluate(int dim, double[] eta, boolean withGradient) {
        if (dim != p) {
            resize(dim);
        }
        double delta = grid.delta();
        double w = grid.w();
        int l = grid.support();
        for (int ij = 0; ij < p * p; ij++) {
            int off = ij * k;
            int base = ij * l1;
            double z = 0;
            java.util.Arrays.fill(dv, 0.0);
            double[] sumDv = new double[k];
            for (int tau = 1; tau <= l; tau++) {
                double t = tau * delta;
                double v = shape.value(t, w, eta, off);
                phi[base + tau] = v;
                z += v;
                if (withGradient) {
                    shape.gradient(t, w, eta, off, g);
                    for (int e = 0; e < k; e++) {
                        dv[e * l1 + tau] = g[e];
                        sumDv[e] += g[e];
                    }
                }
            }
            z *= delta;
            if (!(z > 0) || !Double.isFinite(z)) {
                throw new IllegalStateException(family.configName() + " kernel " + ij / p + "<-" + ij % p
                        + " has discrete mass " + z + " at parameters " + java.util.Arrays.toString(
                        java.util.Arrays.copyOfRange(eta, off, off + k)));
            }
            phi[base] = 0.0;
            double cum = 0;
            cumulative[base] = 0.0;
            for (int tau = 1; tau <= l; tau++) {
                double v = phi[base + tau];
                phi[base + tau] = v / z;
                cum += delta * phi[base + tau];
                cumulative[base + tau] = cum;
            }
            if (withGradient) {
                for (int e = 0; e < k; e++) {
                    int db = (ij * k + e) * l1;
                    double dz = delta * sumDv[e];
                    dphi[db] = 0.0;
                    for (int tau = 1; tau <= l; tau++) {
                        // ∂(v/Z) = ∂v/Z − (v/Z)·∂Z/Z, with v/Z already in phi
                        dphi[db + tau] = (dv[e * l1 + tau] - phi[base + tau] * dz) / z;
                    }
                }
            }
        }
    }

    /** {@code φ_ij[τ]}, τ = 0..L. */
    public double phi(int i, int j, int tau) {
        return phi[(i * p + j) * l1 + tau];
    }

    /** Backing array: {@code φ_ij[τ]} at {@code (i·p + j)·(L+1) + τ}. */
    double[] phiArray() {
        return phi;
    }

    /** Backing array: {@code ∂φ_ij[τ]/∂η_ij,e} at {@code ((i·p + j)·K + e)·(L+1) + τ}. */
    double[] dphiArray() {
        return dphi;
    }

    /** {@code ∂φ_ij[τ]/∂η_ij,e}. */
    public double dphi(int i, int j, int e, int tau) {
        return dphi[((i * p + j) * k + e) * l1 + tau];
    }

    /** {@code Δ Σ_{τ'=1..min(τ, L)} φ_ij[τ']} for {@code τ ≥ 0} (1 beyond the support, 0 for τ ≤ 0). */
    public double cumulative(int i, int j, long tau) {
        if (tau <= 0) {
            return 0.0;
        }
        int t = (int) Math.min(tau, l1 - 1);
        return cumulative[(i * p + j) * l1 + t];
    }

    public int parameterCount() {
        return k;
    }

    public HawkesGrid grid() {
        return grid;
    }
}
