package io.witness.operators.compute.cpu;

import io.witness.operators.kernel.KernelDistance;

/** How the micro-kernel sums over the d coordinates. */
enum DistanceForm {
    /** The plain dot product a·b (feature maps: W x). */
    DOT,
    /** {@code max(0, ‖a‖² + ‖b‖² − 2a·b)}: one FMA per coordinate (spec kernel-tests.md §0.3). */
    DOT_NORMS,
    /** {@code Σ (a−b)²} by direct differences: more exact, two operations per coordinate. */
    SQUARED_DIFFERENCES,
    /** {@code Σ |a−b|}. */
    MANHATTAN;

    /** The form a kernel on this distance uses at dimension d. */
    static DistanceForm of(KernelDistance distance, int d) {
        if (distance == KernelDistance.MANHATTAN) {
            return MANHATTAN;
        }
        return d >= Blocking.DOT_FORM_MIN_D ? DOT_NORMS : SQUARED_DIFFERENCES;
    }
}
