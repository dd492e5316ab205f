package io.witness.operators.nplm;

import java.util.Locale;

/**
 * How the Falkon solver gets its products with {@code K_NM = K(X, C)} (N training points, M centres).
 * Both go through the {@link io.witness.operators.compute.ComputeBackend}; they differ in what is
 * recomputed per conjugate-gradient iteration.
 */
public enum KnmMode {
    /**
     * {@link #MATERIALISED} on the CPU backend when {@code N·M ≤} {@link #AUTO_LIMIT_ENTRIES},
     * {@link #STREAMED} otherwise (and always on a GPU backend, where recomputing the kernel block is
     * cheaper than reading a stored one back from host memory).
     */
    AUTO,
    /**
     * One {@code gram} call builds K_NM once (N·M doubles); each CG iteration is then two plain
     * matrix–vector products, with no exponentials: several times faster on a CPU for the tens of
     * iterations a fit takes.
     */
    MATERIALISED,
    /**
     * K_NM is never stored (spec kernel-tests.md §C.3): every iteration is one fused
     * {@code knmTransposeKnm} call that recomputes the kernel block by block. Memory O(N·d + M²).
     */
    STREAMED;

    /** Largest K_NM that {@link #AUTO} stores: 2²² entries = 32 MiB of doubles. */
    public static final long AUTO_LIMIT_ENTRIES = 1L << 22;

    /** The mode to use for an N×M problem on a backend named {@code backendName}. */
    KnmMode resolve(int n, int m, String backendName) {
        if (this != AUTO) {
            return this;
        }
        return "cpu".equals(backendName) && (long) n * m <= AUTO_LIMIT_ENTRIES ? MATERIALISED : STREAMED;
    }

    /** Config name: lower case. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
