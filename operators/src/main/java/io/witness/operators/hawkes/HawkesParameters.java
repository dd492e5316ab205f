package io.witness.operators.hawkes;

import java.util.Arrays;

/**
 * The parameters of a p-variate Hawkes process with FaDIn kernels (spec §A.1): baselines
 * {@code mu[i]}, excitations {@code alpha[i·p + j]} ("i ← j": how much a type-j event raises the
 * intensity of type i; with grid-normalised kernels this is the branching matrix), and kernel shape
 * parameters {@code eta[(i·p + j)·K + e]}. Mutable; copy with {@link #copy()}.
 */
public final class HawkesParameters {
    private final KernelFamily family;
    private final int k;
    private int p;
    private double[] mu;
    private double[] alpha;
    private double[] eta;

    public HawkesParameters(KernelFamily family, int p) {
        this.family = family;
        this.k = family.shape().parameterCount();
        this.p = p;
        this.mu = new double[p];
        this.alpha = new double[p * p];
        this.eta = new double[p * p * k];
    }

    public HawkesParameters(KernelFamily family, double[] mu, double[] alpha, double[] eta) {
        this(family, mu.length);
        if (alpha.length != p * p || eta.length != p * p * k) {
            throw new IllegalArgumentException("need p² = " + p * p + " alphas and p²K = " + p * p * k
                    + " kernel parameters, got " + alpha.length + " and " + eta.length);
        }
        System.arraycopy(mu, 0, this.mu, 0, p);
        System.arraycopy(alpha, 0, this.alpha, 0, p * p);
        System.arraycopy(eta, 0, this.eta, 0, p * p * k);
    }

    public KernelFamily family() {
        return family;
    }

    public int dimension() {
        return p;
    }

    /** Kernel parameters per pair. */
    public int kernelParameterCount() {
        return k;
    }

    public double[] mu() {
        return mu;
    }

    public double[] alpha() {
        return alpha;
    }

    public double[] eta() {
        return eta;
    }

    public double alpha(int i, int j) {
        return alpha[i * p + j];
    }

    public double eta(int i, int j, int e) {
        return eta[(i * p + j) * k + e];
    }

    /** Grows to p+1 types; the new entries are zero (callers initialise them). */
    public void addDimension() {
        int q = p + 1;
        double[] a2 = new double[q * q];
        double[] e2 = new double[q * q * k];
        for (int i = 0; i < p; i++) {
            System.arraycopy(alpha, i * p, a2, i * q, p);
            System.arraycopy(eta, i * p * k, e2, i * q * k, p * k);
        }
        mu = Arrays.copyOf(mu, q);
        alpha = a2;
        eta = e2;
        p = q;
    }

    public HawkesParameters copy() {
        return new HawkesParameters(family, mu, alpha, eta);
    }

    @Override
    public String toString() {
        return "HawkesParameters{" + family.configName() + ", mu=" + Arrays.toString(mu) + ", alpha="
                + Arrays.toString(alpha) + ", eta=" + Arrays.toString(eta) + "}";
    }
}
