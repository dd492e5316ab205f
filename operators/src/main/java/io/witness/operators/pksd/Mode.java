package io.witness.operators.pksd;

/**
 * A mode of the target found by {@link ModeFinder}: its location, a local covariance (the inverse
 * Hessian of {@code −log p} there) and {@code log p} at it.
 */
public record Mode(double[] location, double[] covariance, double logDensity) {
}
