package io.witness.operators.nplm;

/** The indices that derive each stream of random choices from the monitor's {@code seed}. */
final class NplmSeeds {
    /** The ≤ 1 000-point subsample of the σ rule. */
    static final long BANDWIDTH = 1;
    /** The null toys (toy j: {@code mix(mix(seed, TOYS), j)}). */
    static final long TOYS = 2;
    /** The window tests (test k: {@code mix(mix(seed, TESTS), k)}). */
    static final long TESTS = 3;
    /** The reservoir of a learnt reference (event i: {@code mix(mix(seed, RESERVOIR), i)}). */
    static final long RESERVOIR = 4;
    /** The subsample of a reference file larger than {@code reference-size}. */
    static final long FILE_SUBSAMPLE = 5;

    private NplmSeeds() {
    }
}
