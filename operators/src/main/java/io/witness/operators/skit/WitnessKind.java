package io.witness.operators.skit;

/** Configuration values of the {@code witness} parameter. */
public enum WitnessKind {
    /** Random Fourier features, O(D²) per pair, flat in stream length (§A.4.2). Default. */
    RFF,
    /** Exact Gaussian kernel with history capped at {@code max-history} points (§A.2.7, §A.4.1). */
    EXACT
}
