package io.witness.benchmarks.compute;

import io.witness.operators.kernel.KernelKind;

/**
 * How the compute benchmarks count floating-point operations, so that GFLOP/s figures can be compared
 * with the same-run peak: one kernel evaluation costs {@code 3d} for the distance (subtract, multiply,
 * add per coordinate — the nominal count whichever form the backend uses) plus its profile, with exp,
 * sqrt, pow and a division counted as one operation each; each product with a column of V adds 2.
 */
final class FlopCount {

    private FlopCount() {
    }

    static long profile(KernelKind kind) {
        return switch (kind) {
            case GAUSSIAN, LAPLACE -> 2;        // scale, exp
            case IMQ -> 4;                      // scale, add, sqrt, divide
            case MATERN32 -> 6;                 // scale, sqrt, add, negate, exp, multiply
            case MATERN52 -> 9;                 // Matérn 3/2 plus square, divide, add
        };
    }

    /** One kernel evaluation in dimension d. */
    static long perEvaluation(KernelKind kind, int d) {
        return 3L * d + profile(kind);
    }

    static long gram(KernelKind kind, long n, long m, int d) {
        return n * m * perEvaluation(kind, d);
    }

    static long kernelTimes(KernelKind kind, long n, long m, int d, int c) {
        return n * m * (perEvaluation(kind, d) + 2L * c);
    }

    /** K_nmᵀ(w ∘ K_nm v): K_nm evaluated twice, as both backends do, plus the two products. */
    static long falkon(KernelKind kind, long n, long m, int d) {
        return 2 * kernelTimes(kind, n, m, d, 1);
    }
}
