package io.witness.operators.hawkes.sim;

import java.util.SplittableRandom;

/** A normalised excitation density for simulation (integrates to 1 over its support). */
public interface SimKernel {

    /** Density at {@code t > 0}. */
    double density(double t);

    /** Support end (the density is 0 beyond it); may be +∞. */
    double support();

    /** An upper bound of the density on (0, support]. */
    double max();

    /** True if the density never increases (the current intensity then bounds the future one). */
    boolean decreasing();

    /** ∫_0^t density. */
    double cumulative(double t);

    /** A delay drawn from the density. */
    double sample(SplittableRandom rng);
}
