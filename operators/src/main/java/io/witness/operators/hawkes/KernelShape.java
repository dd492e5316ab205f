package io.witness.operators.hawkes;

/**
 * An un-normalised finite-support excitation shape {@code v(t; θ)} on {@code (0, W]} (spec §A.2). The
 * grid evaluates it at {@code τΔ} and normalises it there ({@link DiscreteKernels}), so the fitted
 * {@code α_ij} is the discrete L1 norm of the excitation {@code i ← j}: the branching matrix itself.
 *
 * <p>Parameters are in the units of time (seconds in the monitor) or their inverse; {@link #scale}
 * says which, so that an optimiser can take steps in units of the support {@code W}.
 */
public interface KernelShape {

    /** Number of shape parameters K. */
    int parameterCount();

    /** Name of parameter k, as it appears in evidence (e.g. {@code m}, {@code sigma}). */
    String parameterName(int k);

    /** {@code v(t)} for {@code 0 < t ≤ w}; {@code theta[off .. off+K)} are the parameters. */
    double value(double t, double w, double[] theta, int off);

    /** Writes {@code ∂v/∂θ_k (t)} into {@code g[k]}, k = 0..K-1. */
    void gradient(double t, double w, double[] theta, int off, double[] g);

    /** Natural scale of parameter k: {@code w} for a time, {@code 1/w} for a rate, 1 for a pure number. */
    double scale(int k, double w);

    /**
     * Projects the parameters onto the feasible set in place (spec §A.2 constraints, tightened where the
     * grid cannot resolve a shape: widths are kept at a fraction of Δ so that the discretised kernel is
     * never all zero).
     */
    void project(double[] theta, int off, double w, double delta);

    /**
     * Initial parameters from the mean and standard deviation of observed delays within the support
     * (the reference code's {@code moment_matching_mean}, spec §A.5); then projected.
     */
    void initialise(double meanDelay, double sdDelay, double w, double delta, double[] theta, int off);
}
