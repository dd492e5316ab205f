package io.witness.operators.bandit;

/** How GP-UCB / IGP-UCB bound their memory (spec online-methods.md §B.4). */
public enum ModelMemory {
    /** The exact GP on the last {@code window} observations (option 1; follows a drifting reward). */
    WINDOW,
    /** Bayesian linear regression on m random Fourier features (option 3; O(m²) whatever the history). */
    FEATURES
}
