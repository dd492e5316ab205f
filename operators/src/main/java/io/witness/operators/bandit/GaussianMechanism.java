package io.witness.operators.bandit;

/**
 * The Gaussian mechanism and its accounting (spec online-methods.md §C.1 step 3): releasing
 * {@code q(D) + N(0, s²)} per coordinate with
 * {@code s = Δ·√(2 ln(1.25/δ)) / ε} is (ε, δ)-DP for a query of ℓ2 sensitivity Δ (the classical analysis,
 * valid for ε ≤ 1); the same release is ρ-zCDP with {@code ρ = Δ²/(2s²)}; zCDP composes by adding ρ and
 * converts back to {@code (ρ + 2√(ρ ln(1/δ)), δ)}-DP.
 */
public final class GaussianMechanism {
    private GaussianMechanism() {
    }

    /** Noise standard deviation s for sensitivity Δ at (ε, δ). */
    public static double sigma(double sensitivity, double epsilon, double delta) {
        if (!(epsilon > 0 && epsilon <= 1) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("the classical Gaussian mechanism needs 0 < ε ≤ 1 and 0 < δ < 1, got ε = "
                    + epsilon + ", δ = " + delta);
        }
        return sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / epsilon;
    }

    /** ρ of zCDP for one release with noise s. */
    public static double rho(double sensitivity, double sigma) {
        return sensitivity * sensitivity / (2 * sigma * sigma);
    }

    /** (ε, δ)-DP implied by ρ-zCDP. */
    public static double epsilonFromRho(double rho, double delta) {
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }
}
