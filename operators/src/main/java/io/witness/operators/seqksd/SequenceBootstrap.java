package io.witness.operators.seqksd;

/**
 * How a sequence KSD window is calibrated (spec §B.7.5). The wild bootstrap (weights
 * {@code Multinomial(n;1/n) − 1}) is cheap but measured liberal on small windows of short, often
 * identical sessions (≈ 0.11–0.14 at α = 0.05 with n = 20); the parametric bootstrap draws n sequences
 * from the model B times and recomputes Û — a Monte Carlo test, exact when the model is the null law,
 * and what the authors' code uses.
 */
public enum SequenceBootstrap {
    PARAMETRIC,
    WILD
}
