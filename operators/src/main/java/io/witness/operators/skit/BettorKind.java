package io.witness.operators.skit;

/** Configuration values of the {@code bettor} parameter (§A.2.6). */
public enum BettorKind {
    ONS,
    AGRAPA,
    MIXTURE
}
