package io.witness.operators.compute;

/**
 * Arithmetic precision of a backend's inner loops. Inputs and outputs are always {@code double[]};
 * {@link #FLOAT} trades about 7 significant digits for twice the throughput (and half the GPU memory).
 * Statistics that feed a decision (wealth, p-values) must keep using {@link #DOUBLE} (spec §0.3).
 */
public enum Precision { DOUBLE, FLOAT }
